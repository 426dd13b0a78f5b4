package dev.platctl.engine.catalog;

import dev.platctl.engine.diag.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backstage descriptor rules, one broken rule per row, each reported at its file and line. */
class DescriptorValidatorTest {
    static final String GOOD = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: orders-api
              namespace: payments
              tags: [python, c++, fastapi]
              labels:
                tier: backend
              annotations:
                github.com/project-slug: acme/orders-api
              links:
                - url: https://example.com/runbook
                  title: Runbook
            spec:
              type: service
              lifecycle: production
              owner: group:default/payments
              system: orders
              dependsOn: [resource:orders-db]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: payments
            spec:
              type: team
              children: []
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: jdoe
            spec:
              memberOf: [payments]
            """;

    @TempDir
    Path dir;

    Diagnostics validate(String text) throws IOException {
        Files.writeString(dir.resolve("catalog-info.yaml"), text);
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.md"), "# docs");
        Diagnostics d = new Diagnostics();
        new DescriptorValidator(dir).validate(List.of(Path.of(".")), d);
        return d;
    }

    @Test
    void aValidFileOfSeveralKindsHasNoProblems() throws IOException {
        Diagnostics d = validate(GOOD);
        assertTrue(d.isEmpty(), d::toString);
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("apiVersion missing", "apiVersion: backstage.io/v1alpha1\n", "", "catalog-info.yaml:1:", "Missing apiVersion"),
                Arguments.of("kind is required", "kind: Component\n", "", "catalog-info.yaml:1:", "Missing kind"),
                Arguments.of("Component needs lifecycle", "  lifecycle: production\n", "", "catalog-info.yaml:15:", "Missing spec.lifecycle"),
                Arguments.of("Component needs owner", "  owner: group:default/payments\n", "", "catalog-info.yaml:15:", "Missing spec.owner"),
                Arguments.of("owner is a non-empty string", "owner: group:default/payments", "owner: [a]", "catalog-info.yaml:17:", "Invalid spec.owner"),
                Arguments.of("name over 63 characters", "name: orders-api", "name: " + "a".repeat(64), "catalog-info.yaml:4:", "must be 1 to 63 characters"),
                Arguments.of("name with a bad character", "name: orders-api", "name: orders api!", "catalog-info.yaml:4:", "Invalid metadata.name"),
                Arguments.of("name ending in a dash", "name: orders-api", "name: orders-", "catalog-info.yaml:4:", "Invalid metadata.name"),
                Arguments.of("namespace is a DNS label", "namespace: payments", "namespace: Payments_NS", "catalog-info.yaml:5:", "Invalid metadata.namespace"),
                Arguments.of("tags are lower-case words", "tags: [python, c++, fastapi]", "tags: [python, Fast_API]", "catalog-info.yaml:6:", "Invalid tag \"Fast_API\""),
                Arguments.of("label key prefix is a DNS subdomain", "tier: backend", "Bad_Prefix/tier: backend", "catalog-info.yaml:8:", "Invalid label key"),
                Arguments.of("annotation key has one slash", "github.com/project-slug", "github.com/project/slug", "catalog-info.yaml:10:", "Invalid annotation key"),
                Arguments.of("label value follows the name rule", "tier: backend", "tier: back end", "catalog-info.yaml:8:", "Invalid value of label"),
                Arguments.of("a link has a url", "- url: https://example.com/runbook", "- href: https://example.com/runbook", "catalog-info.yaml:12:", "Invalid link"),
                Arguments.of("entity reference syntax", "owner: group:default/payments", "owner: group:a/b/c", "catalog-info.yaml:17:", "Invalid entity reference in spec.owner"),
                Arguments.of("references in lists are checked", "dependsOn: [resource:orders-db]", "dependsOn: [\"resource:orders db\"]", "catalog-info.yaml:19:", "Invalid entity reference in spec.dependsOn"),
                Arguments.of("Group needs children", "  children: []\n", "", "catalog-info.yaml:26:", "Missing spec.children"),
                Arguments.of("User needs memberOf", "  memberOf: [payments]\n", "", "catalog-info.yaml:29:", "a User needs spec with memberOf"),
                Arguments.of("memberOf is a list", "memberOf: [payments]", "memberOf: payments", "catalog-info.yaml:34:", "Invalid spec.memberOf"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void eachBrokenRuleIsAnErrorAtItsLine(String reason, String from, String to, String where, String expected) throws IOException {
        assertTrue(GOOD.contains(from), reason + ": the fixture lacks " + from);
        Diagnostics d = validate(GOOD.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        assertTrue(d.hasErrors(), reason + ": no error");
        assertTrue(d.errors().stream().anyMatch(x -> x.toString().startsWith(where) && x.toString().contains(expected)),
                reason + ": expected " + where + " " + expected + " in\n" + d);
    }

    @Test
    void resourceApiSystemAndDomainRequireTheirFields() throws IOException {
        Diagnostics d = validate("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: orders-db}
                spec: {owner: payments}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: orders}
                spec: {type: openapi, lifecycle: production, owner: payments}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata: {name: orders}
                spec: {}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Domain
                metadata: {name: commerce}
                spec: {subdomainOf: retail}
                """);
        List<String> errors = d.errors().stream().map(Object::toString).toList();
        assertEquals(4, errors.size(), d::toString);
        assertTrue(errors.get(3).startsWith("catalog-info.yaml:19:") && errors.get(3).contains("Missing spec.owner"), "a Domain needs an owner: " + d);
        assertTrue(errors.get(0).startsWith("catalog-info.yaml:4:") && errors.get(0).contains("Missing spec.type"), d::toString);
        assertTrue(errors.get(1).startsWith("catalog-info.yaml:9:") && errors.get(1).contains("Missing spec.definition"), d::toString);
        assertTrue(errors.get(2).startsWith("catalog-info.yaml:14:") && errors.get(2).contains("Missing spec.owner"), d::toString);
    }

    @Test
    void aMissingDocsIndexIsOnlyAWarning() throws IOException {
        Files.writeString(dir.resolve("catalog-info.yaml"), GOOD);
        Diagnostics d = new Diagnostics();
        new DescriptorValidator(dir).validate(List.of(Path.of("catalog-info.yaml")), d);
        assertFalse(d.hasErrors(), d::toString);
        assertTrue(d.toString().contains("warning: No docs/index.md"), d::toString);
    }

    @Test
    void theSameEntityTwiceIsAnError() throws IOException {
        String group = GOOD.substring(GOOD.indexOf("---"));
        Diagnostics d = validate(GOOD + group.substring(0, group.indexOf("---", 3)));
        assertTrue(d.toString().contains("Duplicate entity Group:payments"), d::toString);
    }
}
