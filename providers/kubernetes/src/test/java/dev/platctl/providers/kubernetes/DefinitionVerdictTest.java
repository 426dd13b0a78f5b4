package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What an unserved kind whose CustomResourceDefinition exists means, from the definition alone: only a definition on
 * its way is worth retrying; one the API server refused never serves its kind.
 */
class DefinitionVerdictTest {
    private static final String ON_ITS_WAY = "its CustomResourceDefinition gadgets.example.com serves v1, but the API server"
            + " does not serve it yet; the definition's conditions are ";
    private static final String REFUSED = "its CustomResourceDefinition gadgets.example.com serves v1, but the API server will"
            + " not serve it: ";

    @ParameterizedTest(name = "{4}")
    @MethodSource("definitions")
    void aDefinitionIsRetryableOnlyWhileItIsOnItsWay(Map<String, Boolean> served, List<CustomResourceDefinitionCondition> conditions,
                                                    String reason, boolean retryable, String why) {
        Discovery.Verdict v = Discovery.definitionVerdict(definition(served, conditions), "example.com", "v1");
        assertEquals(reason, v.reason(), why);
        assertEquals(retryable, v.retryable(), why);
        assertEquals(false, v.gone(), "a definition exists, so its objects may too: " + why);
    }

    static Stream<Arguments> definitions() {
        Map<String, Boolean> v1 = Map.of("v1", true);
        return Stream.of(
                Arguments.of(v1, List.of(), ON_ITS_WAY + "[]", true, "just created: no condition set yet"),
                Arguments.of(v1, List.of(condition("NamesAccepted", "True", "NoConflicts", "no conflicts found"),
                                condition("Established", "False", "Installing", "the initial names have been accepted")),
                        ON_ITS_WAY + "[NamesAccepted=True (no conflicts found), Established=False (the initial names have been accepted)]",
                        true, "names accepted, still installing"),
                Arguments.of(v1, List.of(condition("NamesAccepted", "False", "MultipleNamesConflict", "\"gadget\" is already in use"),
                                condition("Established", "False", "NotAccepted", "not all names are accepted")),
                        REFUSED + "NamesAccepted=False (MultipleNamesConflict): \"gadget\" is already in use", false,
                        "another definition holds its names"),
                Arguments.of(v1, List.of(condition("Established", "False", "NotAccepted", "not all names are accepted")),
                        REFUSED + "Established=False (NotAccepted): not all names are accepted", false,
                        "not established because its names were refused"),
                Arguments.of(v1, List.of(condition("NamesAccepted", "True", "NoConflicts", "no conflicts found"),
                                condition("Established", "False", "InstallationFailure", "could not install")),
                        REFUSED + "Established=False (InstallationFailure): could not install", false, "its installation failed"),
                Arguments.of(Map.of("v1", false, "v2", true), List.of(),
                        "its CustomResourceDefinition gadgets.example.com serves only example.com/v2", false,
                        "the version is declared but not served"),
                Arguments.of(Map.of("v1", false), List.of(), "its CustomResourceDefinition gadgets.example.com serves no version", false,
                        "no version is served"));
    }

    private static CustomResourceDefinitionCondition condition(String type, String status, String reason, String message) {
        return new CustomResourceDefinitionConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message).build();
    }

    private static CustomResourceDefinition definition(Map<String, Boolean> served, List<CustomResourceDefinitionCondition> conditions) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName("gadgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withPlural("gadgets").withSingular("gadget").withKind("Gadget").endNames()
                .withVersions(new java.util.TreeMap<>(served).entrySet().stream().map(e -> new CustomResourceDefinitionVersionBuilder()
                        .withName(e.getKey()).withServed(e.getValue()).withStorage(e.getValue()).build()).toList())
                .endSpec()
                .withNewStatus().withConditions(conditions).endStatus().build();
    }
}
