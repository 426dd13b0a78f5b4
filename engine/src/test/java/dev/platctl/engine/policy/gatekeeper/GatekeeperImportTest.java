package dev.platctl.engine.policy.gatekeeper;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.policy.PolicyTestResult;
import dev.platctl.engine.policy.PolicyTestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatekeeperImportTest {
    /** K8sRequiredLabels as in the gatekeeper-library, with its CEL code beside the Rego. */
    static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8srequiredlabels
              annotations:
                description: Requires resources to contain specified labels, with values matching provided regular expressions.
            spec:
              crd:
                spec:
                  names:
                    kind: K8sRequiredLabels
                  validation:
                    openAPIV3Schema:
                      type: object
                      properties:
                        message:
                          type: string
                        labels:
                          type: array
                          items:
                            type: object
                            properties:
                              key: {type: string}
                              allowedRegex: {type: string}
              targets:
                - target: admission.k8s.gatekeeper.sh
                  code:
                    - engine: K8sNativeValidation
                      source:
                        variables:
                          - name: labels
                            expression: "has(variables.anyObject.metadata.labels) ? variables.anyObject.metadata.labels : {}"
                          - name: missing
                            expression: "variables.params.labels.filter(l, !(l.key in variables.labels))"
                        validations:
                          - expression: "size(variables.missing) == 0"
                            messageExpression: '"missing required label(s): " + variables.missing.map(l, l.key).join(", ")'
                            message: "a required label is missing"
                          - expression: >-
                              variables.params.labels.all(l, !(l.key in variables.labels) ||
                              !has(l.allowedRegex) || string(variables.labels[l.key]).matches(l.allowedRegex))
                            message: "a label's value does not match its allowedRegex ('variables.labels' is not a variable here)"
                    - engine: Rego
                      source:
                        rego: |
                          package k8srequiredlabels
                          violation[{"msg": msg}] { false }
            """;
    static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sRequiredLabels
            metadata:
              name: all-must-have-owner
            spec:
              enforcementAction: warn
              match:
                kinds:
                  - apiGroups: [""]
                    kinds: ["Namespace", "Pod"]
                  - apiGroups: ["apps"]
                    kinds: ["StatefulSet"]
                excludedNamespaces: ["kube-system"]
              parameters:
                message: "All namespaces must have an `owner` label"
                labels:
                  - key: owner
                    allowedRegex: "^[a-z]+\\\\.agilebank\\\\.demo$"
            """;

    @TempDir
    Path dir;

    Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aCelTemplateAndItsConstraintBecomeAPolicyThatBehavesLikeTheConstraint() throws IOException {
        ImportResult r = GatekeeperImport.run(List.of(file("template.yaml", TEMPLATE), file("constraint.yaml", CONSTRAINT)));
        assertEquals(1, r.policies().size());
        ImportedPolicy p = r.policies().get(0);
        assertEquals("all-must-have-owner.hcl", p.fileName());
        assertTrue(p.hcl().contains("  enforcement = \"warn\"\n"), p.hcl());
        assertTrue(p.hcl().contains("types = [\"kubernetes_namespace\", \"kubernetes_pod\", \"kubernetes_stateful_set\"]"), p.hcl());
        assertTrue(p.hcl().contains("'labels': [{'key': 'owner', 'allowedRegex': '^[a-z]+\\\\.agilebank\\\\.demo$'}]"), p.hcl());
        assertTrue(p.hcl().contains("'variables.labels' is not a variable here"), "string literals are left alone: " + p.hcl());
        assertEquals(List.of(
                "constraint.yaml: constraint K8sRequiredLabels/all-must-have-owner: validation 1 has a messageExpression; platctl messages "
                        + "are fixed text, so its message is used",
                "constraint.yaml: constraint K8sRequiredLabels/all-must-have-owner: spec.match.excludedNamespaces has no platctl "
                        + "equivalent; the policy matches by type only"), r.unsupported());

        Path policies = Files.createDirectories(dir.resolve("policies/tests"));
        Files.writeString(policies.getParent().resolve(p.fileName()), p.hcl());
        Files.writeString(policies.resolve("owner.yaml"), """
                - name: a pod with a valid owner passes
                  type: kubernetes_pod
                  attributes: {metadata: {labels: {owner: alice.agilebank.demo}}}
                  expect: {all-must-have-owner: pass}
                - name: a namespace without labels fails
                  type: kubernetes_namespace
                  attributes: {metadata: {name: payments}}
                  expect: {all-must-have-owner: fail}
                - name: an owner that does not match the regex fails
                  type: kubernetes_stateful_set
                  attributes: {metadata: {labels: {owner: mallory@example.com}}}
                  expect: {all-must-have-owner: fail}
                - name: a deployment is not matched
                  type: kubernetes_deployment
                  attributes: {metadata: {}}
                  expect: {all-must-have-owner: not-matched}
                """);
        Diagnostics d = new Diagnostics();
        PolicyTestRunner.Suite suite = PolicyTestRunner.load(dir, policies.getParent(), d);
        assertTrue(d.isEmpty(), () -> d + "\n" + p.hcl());
        List<PolicyTestResult> results = PolicyTestRunner.run(suite);
        assertEquals(4, results.size());
        for (PolicyTestResult res : results) assertTrue(res.passed(), () -> res.testCase().name() + ": " + res.failures() + "\n" + p.hcl());
    }

    /** Each row: reason, extra YAML documents beside the template, words one unsupported entry must contain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Rego-only template is listed, not dropped | REGO     | has no K8sNativeValidation code (it uses Rego); only CEL templates can be imported
            a constraint without its template           | ORPHAN   | constraint K8sAllowedRepos/repos has no ConstraintTemplate among the files
            a template without constraints              | NONE     | ConstraintTemplate k8srequiredlabels has no constraint among the files
            oldObject has no platctl equivalent         | OLD      | "oldObject" has no platctl equivalent
            a document that is not Gatekeeper's         | OTHER    | ConfigMap settings is not a Gatekeeper ConstraintTemplate or constraint
            """)
    void whatCannotBeImportedIsListed(String reason, String variant, String expected) throws IOException {
        String template = switch (variant) {
            case "REGO" -> TEMPLATE.replace("engine: K8sNativeValidation", "engine: Rego");
            case "OLD" -> TEMPLATE.replace("size(variables.missing) == 0", "size(variables.missing) == 0 || oldObject != null");
            default -> TEMPLATE;
        };
        String others = switch (variant) {
            case "ORPHAN" -> CONSTRAINT + "---\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAllowedRepos\nmetadata:\n  name: repos\n";
            case "NONE" -> "";
            case "OTHER" -> CONSTRAINT + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";
            default -> CONSTRAINT;
        };
        ImportResult r = GatekeeperImport.run(List.of(file("t.yaml", template), file("c.yaml", others.isEmpty() ? "{}\n" : others)));
        assertTrue(r.unsupported().stream().anyMatch(u -> u.contains(expected)), reason + ": " + r.unsupported());
    }

    @Test
    void kubernetesKindsBecomeSnakeCaseTypes() {
        assertEquals("kubernetes_pod", KubernetesTypes.of("Pod"));
        assertEquals("kubernetes_persistent_volume_claim", KubernetesTypes.of("PersistentVolumeClaim"));
        assertEquals("kubernetes_horizontal_pod_autoscaler", KubernetesTypes.of("HorizontalPodAutoscaler"));
    }
}
