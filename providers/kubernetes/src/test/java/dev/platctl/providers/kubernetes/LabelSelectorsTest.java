package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A workload's selector as the label query a list call takes. */
class LabelSelectorsTest {
    private static Map<String, Object> expression(String key, String operator, String... values) {
        return values.length == 0 ? Map.of("key", key, "operator", operator)
                : Map.of("key", key, "operator", operator, "values", List.of(values));
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("match labels alone, sorted by key", Map.of("matchLabels", Map.of("tier", "api", "app", "web")),
                        "app=web,tier=api"),
                Arguments.of("In", Map.of("matchExpressions", List.of(expression("tier", "In", "api", "worker"))),
                        "tier in (api,worker)"),
                Arguments.of("NotIn", Map.of("matchExpressions", List.of(expression("env", "NotIn", "dev"))), "env notin (dev)"),
                Arguments.of("Exists", Map.of("matchExpressions", List.of(expression("canary", "Exists"))), "canary"),
                Arguments.of("DoesNotExist", Map.of("matchExpressions", List.of(expression("legacy", "DoesNotExist"))), "!legacy"),
                Arguments.of("labels and expressions are ANDed, two requirements on one key both kept",
                        Map.of("matchLabels", Map.of("app", "web"), "matchExpressions", List.of(
                                expression("env", "In", "prod", "staging"), expression("env", "NotIn", "staging"))),
                        "app=web,env in (prod,staging),env notin (staging)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void selectorBecomesTheLabelQuery(String reason, Map<String, Object> selector, String query) {
        assertEquals(Optional.of(query), LabelSelectors.query(selector), reason);
    }

    @Test
    void anEmptySelectorSelectsNothingToLookAt() {
        assertEquals(Optional.empty(), LabelSelectors.query(Map.of()));
        assertEquals(Optional.empty(), LabelSelectors.query(Map.of("matchLabels", Map.of(), "matchExpressions", List.of())));
    }

    @Test
    void anUnknownOperatorOrAnInWithoutValuesIsAClearError() {
        ProviderException gt = assertThrows(ProviderException.class, () -> LabelSelectors.query(
                Map.of("matchExpressions", List.of(expression("size", "Gt", "3")))));
        assertEquals("cannot read the label selector: operator \"Gt\" of size is not one of In, NotIn, Exists, DoesNotExist",
                gt.getMessage());
        ProviderException empty = assertThrows(ProviderException.class, () -> LabelSelectors.query(
                Map.of("matchExpressions", List.of(expression("tier", "In")))));
        assertEquals("cannot read the label selector: tier In needs at least one value", empty.getMessage());
    }
}
