package dev.platctl.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.providers.kubernetes.KubeApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helm chart the python-microservice golden path puts into every service is installable: rendered as
 * {@code platctl new --dry-run} renders it, for each environment the rendered CI workflow deploys to (its namespace,
 * image and {@code environment}, set as the workflow's deploy step sets them), it passes {@code helm lint --strict},
 * {@code helm template} renders it, and the real kube-apiserver of {@link KubeApiServer} accepts every object it
 * serves (Deployment, Service, HorizontalPodAutoscaler) in a server-side dry-run apply with strict field validation, in
 * the environment's namespace (made for the test; each parameter set has its own owner, so its namespaces are not the
 * other end-to-end tests'). helm is built once from the Go module proxy ({@link GoTools}).
 *
 * <p>The ServiceMonitor and the PrometheusRule are kinds of the Prometheus Operator's CRDs, which a bare API server does
 * not serve, and the project keeps no copy of those CRDs (installing them would mean fetching the operator's
 * manifests, which are no package): they are checked field by field instead, for what the operator and Prometheus read
 * (the selector and port that find the Service, the scrape interval, each rule's name, expression, duration and
 * labels).
 */
@ExtendWith(KubeApiServer.class)
class GoldenPathChartTest {
    static final String HELM_VERSION = "4.3.2";
    static final Path GOLDEN_PATH = Path.of("..", "golden-paths", "python-microservice").toAbsolutePath().normalize();
    static final String TAG = "sha-0123456789abcdef0123456789abcdef01234567";
    static final String MONITORING = "monitoring.coreos.com/v1";
    static final Set<String> SERVED = Set.of("apps/v1/Deployment", "v1/Service", "autoscaling/v2/HorizontalPodAutoscaler");
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** 55 characters, the most the template's owner pattern takes. */
    static final String LONGEST_OWNER = "platform-reliability-and-observability-for-checkout-eu1";

    static KubernetesClient kube;
    static final List<String> namespaces = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void client() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(KubeApiServer.get().kubeconfig()));
        config.setRequestRetryBackoffLimit(0); // server-side apply answers a field the schema lacks with a 500, which is no outage to retry
        kube = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void removeNamespaces() {
        for (String ns : namespaces) kube.namespaces().withName(ns).delete();
        kube.close();
    }

    /** One environment the rendered workflow deploys to: its GitHub environment name and the namespace it deploys into. */
    record Environment(String name, String namespace) {
    }

    /** A service rendered from the golden path: its folder, its name, and what its CI workflow deploys. */
    record Service(Path dir, String name, String owner, String image, List<Environment> environments) {
        Path chart() {
            return dir.resolve("chart");
        }
    }

    static Stream<Arguments> parameterSets() {
        return Stream.of(
                Arguments.of("the template's defaults: two to six replicas, organisation acme",
                        Map.of("name", "orders-api", "owner", "storefront", "description", "Takes and tracks customer orders.")),
                Arguments.of("the longest name and owner the template allows (a 31-character release; 55 characters make <owner>-staging "
                                + "63, the longest namespace name) and one replica, fixed",
                        Map.of("name", "a-service-name-of-31-characters", "owner", LONGEST_OWNER, "description", "Keeps the books balanced.",
                                "minReplicas", "1", "maxReplicas", "1")),
                Arguments.of("an organisation with capitals, YAML's own characters in the description, the most replicas, a production lifecycle",
                        Map.of("name", "ledger-7", "owner", "accounting", "githubOrg", "Acme-Corp", "pythonVersion", "3.13", "lifecycle", "production",
                                "minReplicas", "10", "maxReplicas", "50",
                                "description", "Books: entries # and \"quotes\" {a: b} & *alias !tag | > ${{ values.name }} {{ .Values.x }}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void theChartPassesHelmLintAndTheApiServerAcceptsWhatItRendersForEachEnvironment(String reason, Map<String, String> parameters) throws Exception {
        Service service = render(parameters);
        assertEquals(55, LONGEST_OWNER.length(), "the longest owner is as long as the template allows");
        assertEquals(List.of("development", "staging", "production"), service.environments().stream().map(Environment::name).toList(),
                reason + ": the environments the workflow deploys to");
        List<String> problems = new ArrayList<>();
        for (Environment env : service.environments()) {
            String where = reason + ", " + env.name() + " in " + env.namespace();
            ToolRun lint = helm("lint", "--strict", service.chart().toString(), "--namespace", env.namespace(),
                    "--set", "image.tag=" + TAG, "--set", "environment=" + env.name());
            if (lint.exit() != 0) problems.add(where + ": helm lint --strict failed:\n" + lint.output());

            List<Map<String, Object>> objects = template(service, env, List.of("--api-versions", MONITORING));
            assertEquals(new TreeSet<>(List.of("Deployment", "Service", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule")),
                    kinds(objects), where);
            namespace(env.namespace());
            for (Map<String, Object> object : objects) {
                String id = kindOf(object) + " " + nameOf(object);
                if (SERVED.contains(object.get("apiVersion") + "/" + object.get("kind"))) {
                    DryRun answer = dryRunApply(object, env.namespace());
                    if (answer.refusal() != null) {
                        problems.add(where + ": the API server refuses " + id + ": " + answer.refusal());
                    } else if (kindOf(object).equals("HorizontalPodAutoscaler")) {
                        Map<String, Object> hpa = spec(answer.accepted());
                        assertEquals(List.of(parameters.getOrDefault("minReplicas", "2"), parameters.getOrDefault("maxReplicas", "6")),
                                List.of(String.valueOf(hpa.get("minReplicas")), String.valueOf(hpa.get("maxReplicas"))),
                                where + ": the autoscaler the API server accepts keeps the replicas asked for");
                    }
                } else {
                    for (String p : monitoringProblems(object, objectOfKind(objects, "Service"), service, env)) problems.add(where + ": " + id + " " + p);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    /** A cluster without the Prometheus Operator gets the chart without its ServiceMonitor and alert rules, not a failed install. */
    @Test
    void withoutThePrometheusOperatorsApiTheChartRendersNoMonitoringObjects() throws Exception {
        Service service = render(Map.of("name", "orders-api", "owner", "storefront", "description", "Takes and tracks customer orders."));
        Environment production = service.environments().get(2);

        List<Map<String, Object>> objects = template(service, production, List.of());

        assertEquals(new TreeSet<>(List.of("Deployment", "Service", "HorizontalPodAutoscaler")), kinds(objects));
    }

    static Stream<Arguments> valuesTheApiServerRefuses() {
        return Stream.of(
                Arguments.of("a misspelt field, which strict field validation refuses",
                        List.of("--set-json", "podSecurityContext={\"runAsNonroot\":true}"), "Deployment", "field not declared in schema"),
                Arguments.of("an autoscaler whose minimum exceeds its maximum, a rule no schema says",
                        List.of("--set", "autoscaling.minReplicas=8", "--set", "autoscaling.maxReplicas=3"), "HorizontalPodAutoscaler",
                        "must be greater than or equal to `minReplicas`"),
                Arguments.of("a memory request above its limit", List.of("--set", "resources.requests.memory=1Gi"), "Deployment",
                        "must be less than or equal to memory limit"));
    }

    /** Values a user could set that make objects the API server refuses: the dry run above has teeth. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesTheApiServerRefuses")
    void theApiServerRefusesWhatABadValueRendersSoThePassAboveMeansSomething(String reason, List<String> values, String kind, String expected)
            throws Exception {
        Service service = render(Map.of("name", "orders-api", "owner", "storefront", "description", "Takes and tracks customer orders."));
        Environment development = service.environments().get(0);
        namespace(development.namespace());

        Map<String, Object> object = objectOfKind(template(service, development, values), kind);
        DryRun answer = dryRunApply(object, development.namespace());
        String error = answer.refusal() != null ? answer.refusal() : "accepted: " + answer.accepted();

        assertTrue(error.contains(expected), reason + ": " + error);
    }

    static Stream<Arguments> alertExpressionsThatSelectTooMuch() {
        return Stream.of(
                Arguments.of("no service selector: it would fire for every service in the namespace",
                        "rate(http_requests_total{namespace=\"storefront-prod\"}[5m]) > 1",
                        List.of("spec.groups[0].rules[0].expr does not select only service orders-api (no service=\"orders-api\")")),
                Arguments.of("no namespace selector: it would fire for the service's other environments",
                        "rate(http_requests_total{service=\"orders-api\"}[5m]) > 1",
                        List.of("spec.groups[0].rules[0].expr does not select only namespace storefront-prod (no namespace=\"storefront-prod\")")),
                Arguments.of("neither selector", "rate(http_requests_total[5m]) > 1",
                        List.of("spec.groups[0].rules[0].expr does not select only service orders-api (no service=\"orders-api\")",
                                "spec.groups[0].rules[0].expr does not select only namespace storefront-prod (no namespace=\"storefront-prod\")")));
    }

    /** The hand check of alert rules says which selector an expression lacks, not both when one is there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("alertExpressionsThatSelectTooMuch")
    void anAlertExpressionIsReportedForEachSelectorItLacks(String reason, String expr, List<String> expected) {
        Service service = new Service(tmp, "orders-api", "storefront", "ghcr.io/acme/orders-api", List.of());
        Environment production = new Environment("production", "storefront-prod");
        Map<String, Object> rule = Map.of("apiVersion", MONITORING, "kind", "PrometheusRule", "metadata", Map.of("name", "orders-api"),
                "spec", Map.of("groups", List.of(Map.of("name", "orders-api", "rules", List.of(Map.of("alert", "OrdersApiErrors", "expr", expr,
                        "for", "5m", "labels", Map.of("environment", "production", "team", "storefront", "severity", "page"),
                        "annotations", Map.of("runbook_url", "https://github.com/acme/orders-api/blob/main/docs/runbook.md#errors")))))));

        List<String> problems = monitoringProblems(rule, Map.of(), service, production);

        assertEquals(expected, problems.stream().map(p -> p.contains(": ") ? p.substring(0, p.indexOf(": ")) : p).toList(), reason + ": " + problems);
    }

    @Test
    void helmLintStrictRefusesATemplateThatReadsAValueTheChartDoesNotHaveSoThePassAboveMeansSomething() throws Exception {
        Service service = render(Map.of("name", "orders-api", "owner", "storefront", "description", "Takes and tracks customer orders."));
        Path service_ = service.chart().resolve("templates/service.yaml");
        Files.writeString(service_, Files.readString(service_).replace("port: {{ .Values.service.port }}", "port: {{ .Values.servce.port }}"));

        ToolRun lint = helm("lint", "--strict", service.chart().toString());

        assertNotEquals(0, lint.exit(), lint.output());
        assertTrue(lint.output().contains("servce"), lint.output());
    }

    /** Renders the skeleton with {@code platctl new TEMPLATE --dry-run DIR} and reads what its CI workflow deploys. */
    private Service render(Map<String, String> parameters) throws IOException {
        List<String> args = new ArrayList<>(List.of("new", GOLDEN_PATH.toString()));
        parameters.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        Path out = tmp.resolve("review");
        args.addAll(List.of("--dry-run", out.toString()));
        CliRun r = CliRun.run(tmp, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);

        JsonNode workflow = YAML.readTree(out.resolve(".github/workflows/ci.yaml").toFile());
        List<Environment> envs = new ArrayList<>();
        for (JsonNode e : workflow.path("jobs").path("deploy").path("strategy").path("matrix").path("include"))
            envs.add(new Environment(e.path("environment").asText(), e.path("namespace").asText()));
        String deploy = workflow.path("jobs").path("deploy").path("steps").findValuesAsText("run").stream().filter(s -> s.contains("helm upgrade"))
                .findFirst().orElseThrow(() -> new AssertionError("the workflow deploys with no helm upgrade:\n" + workflow));
        assertTrue(deploy.contains("--set image.repository=\"$IMAGE\" --set image.tag=\"$TAG\" --set environment=\"$ENVIRONMENT\""),
                "the values the test sets are the ones the workflow sets: " + deploy);
        return new Service(out, parameters.get("name"), parameters.get("owner"), workflow.path("env").path("IMAGE").asText(), envs);
    }

    /** {@code helm template} as the workflow's {@code helm upgrade --install} renders it, plus {@code extra} flags. */
    private List<Map<String, Object>> template(Service service, Environment env, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("template", service.name(), service.chart().toString(), "--namespace", env.namespace(),
                "--set", "image.repository=" + service.image(), "--set", "image.tag=" + TAG, "--set", "environment=" + env.name()));
        cmd.addAll(extra);
        ToolRun r = helm(cmd.toArray(String[]::new));
        assertEquals(0, r.exit(), "helm " + String.join(" ", cmd) + " failed:\n" + r.output());
        List<Map<String, Object>> objects = new ArrayList<>();
        try (var docs = YAML.readerFor(new TypeReference<Map<String, Object>>() { }).<Map<String, Object>>readValues(r.out())) {
            while (docs.hasNext()) {
                Map<String, Object> doc = docs.next();
                if (doc != null && !doc.isEmpty()) objects.add(doc);
            }
        }
        return objects;
    }

    /** Runs helm with its own empty config, cache and data folders and no cluster: the chart alone decides the result. */
    private ToolRun helm(String... args) throws IOException {
        Path helm = GoTools.install("helm", "helm.sh/helm/v4/cmd/helm", HELM_VERSION);
        List<String> cmd = new ArrayList<>(List.of(helm.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        Path home = Files.createDirectories(tmp.resolve("helm-home"));
        pb.environment().putAll(Map.of("HELM_CONFIG_HOME", home.resolve("config").toString(), "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString(), "KUBECONFIG", home.resolve("no-kubeconfig").toString()));
        return ToolRun.of(pb, Duration.ofMinutes(2));
    }

    /** Creates the namespace the environment deploys into (the owner team's, which its TeamNamespace request makes). */
    private static synchronized void namespace(String name) {
        if (namespaces.contains(name)) return;
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        namespaces.add(name);
    }

    /** The API server's answer to a server-side dry-run apply: the object as it would store it, or why it refuses it. */
    record DryRun(GenericKubernetesResource accepted, String refusal) {
    }

    /** A server-side dry-run apply of {@code object} in {@code namespace} with strict field validation. */
    private static DryRun dryRunApply(Map<String, Object> object, String namespace) {
        GenericKubernetesResource r = resource(object);
        try {
            return new DryRun(kube.genericKubernetesResources(r.getApiVersion(), r.getKind()).inNamespace(namespace).resource(r)
                    .dryRun().fieldValidation(Validation.STRICT).serverSideApply(), null);
        } catch (KubernetesClientException e) {
            return new DryRun(null, e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
        }
    }

    private static GenericKubernetesResource resource(Map<String, Object> object) {
        return kube.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
    }

    /**
     * What the Prometheus Operator needs of a ServiceMonitor or PrometheusRule, checked by hand since the test API server
     * has no CRDs for them: every problem, each naming its field. {@code svc} is the Service the chart renders beside it.
     */
    static List<String> monitoringProblems(Map<String, Object> object, Map<String, Object> svc, Service service, Environment env) {
        List<String> problems = new ArrayList<>();
        if (!MONITORING.equals(object.get("apiVersion"))) problems.add("apiVersion is " + object.get("apiVersion") + ", expected " + MONITORING);
        String name = nameOf(object);
        if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) problems.add("metadata.name '" + name + "' is no DNS label");
        Map<String, Object> spec = map(object.get("spec"));
        switch (kindOf(object)) {
            case "ServiceMonitor" -> {
                Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
                Map<String, Object> serviceLabels = map(map(svc.get("metadata")).get("labels"));
                if (selector.isEmpty() || !serviceLabels.entrySet().containsAll(selector.entrySet()))
                    problems.add("spec.selector.matchLabels " + selector + " do not select the Service, labelled " + serviceLabels);
                List<Object> servicePorts = list(map(svc.get("spec")).get("ports")).stream().map(p -> p.get("name")).toList();
                List<Map<String, Object>> endpoints = list(spec.get("endpoints"));
                if (endpoints.isEmpty()) problems.add("spec.endpoints is empty");
                for (int i = 0; i < endpoints.size(); i++) {
                    Map<String, Object> e = endpoints.get(i);
                    if (!servicePorts.contains(e.get("port")))
                        problems.add("spec.endpoints[" + i + "].port is " + e.get("port") + ", none of the Service's ports " + servicePorts);
                    if (!"/metrics".equals(e.get("path"))) problems.add("spec.endpoints[" + i + "].path is " + e.get("path") + ", not /metrics");
                    if (!PROMETHEUS_DURATION.matcher(String.valueOf(e.get("interval"))).matches())
                        problems.add("spec.endpoints[" + i + "].interval '" + e.get("interval") + "' is no Prometheus duration");
                }
            }
            case "PrometheusRule" -> {
                List<Map<String, Object>> groups = list(spec.get("groups"));
                if (groups.isEmpty()) problems.add("spec.groups is empty");
                boolean pages = groups.stream().flatMap(g -> list(g.get("rules")).stream()).anyMatch(r -> "page".equals(map(r.get("labels")).get("severity")));
                if (env.name().equals("production") && !pages) problems.add("has no rule that pages in production");
                for (int g = 0; g < groups.size(); g++) {
                    String at = "spec.groups[" + g + "]";
                    if (String.valueOf(groups.get(g).get("name")).isBlank()) problems.add(at + ".name is empty");
                    List<Map<String, Object>> rules = list(groups.get(g).get("rules"));
                    if (rules.isEmpty()) problems.add(at + ".rules is empty");
                    for (int i = 0; i < rules.size(); i++) {
                        Map<String, Object> rule = rules.get(i);
                        String r = at + ".rules[" + i + "]";
                        if (!LABEL_NAME.matcher(String.valueOf(rule.get("alert"))).matches()) problems.add(r + ".alert '" + rule.get("alert") + "' is no metric name");
                        String expr = String.valueOf(rule.get("expr"));
                        if (!expr.contains("service=\"" + service.name() + "\""))
                            problems.add(r + ".expr does not select only service " + service.name() + " (no service=\"" + service.name() + "\"): " + expr);
                        if (!expr.contains("namespace=\"" + env.namespace() + "\""))
                            problems.add(r + ".expr does not select only namespace " + env.namespace() + " (no namespace=\"" + env.namespace() + "\"): " + expr);
                        if (!PROMETHEUS_DURATION.matcher(String.valueOf(rule.get("for"))).matches()) problems.add(r + ".for '" + rule.get("for") + "' is no duration");
                        Map<String, Object> labels = map(rule.get("labels"));
                        if (!env.name().equals(labels.get("environment"))) problems.add(r + ".labels.environment is " + labels.get("environment"));
                        if (!service.owner().equals(labels.get("team"))) problems.add(r + ".labels.team is " + labels.get("team"));
                        if (!Set.of("page", "ticket").contains(String.valueOf(labels.get("severity"))))
                            problems.add(r + ".labels.severity is " + labels.get("severity") + ", expected page or ticket");
                        if ("page".equals(labels.get("severity")) && !env.name().equals("production"))
                            problems.add(r + " pages from " + env.name() + ": only production pages");
                        Object runbook = map(rule.get("annotations")).get("runbook_url");
                        if (!String.valueOf(runbook).matches("https://github\\.com/[A-Za-z0-9-]+/" + Pattern.quote(service.name()) + "/blob/main/docs/runbook\\.md#[a-z-]+"))
                            problems.add(r + ".annotations.runbook_url is " + runbook);
                    }
                }
            }
            default -> problems.add("is no kind of " + MONITORING + " the chart makes");
        }
        return problems;
    }

    private static Set<String> kinds(List<Map<String, Object>> objects) {
        return new TreeSet<>(objects.stream().map(GoldenPathChartTest::kindOf).toList());
    }

    private static Map<String, Object> objectOfKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kindOf(o))).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + objects));
    }

    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return map(r.getAdditionalProperties().get("spec"));
    }

    private static String kindOf(Map<String, Object> object) {
        return String.valueOf(object.get("kind"));
    }

    private static String nameOf(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
