package dev.platctl.providers.kubernetes;

import dev.platctl.engine.Engine;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.Workspace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine planning and applying a module of Kubernetes resources: create, clean re-plan, drift, repair, destroy. */
@ExtendWith(KubeApiServer.class)
class KubernetesEngineTest {
    static final String MODULE = """
            module {
              name    = "team-space"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "greeting" {
              type    = string
              default = "hello"
            }
            input "password" {
              type      = string
              sensitive = true
            }
            resource "kubernetes_namespace" "this" {
              name   = "team-${request.team}"
              labels = { team = request.team }
            }
            resource "kubernetes_config_map" "settings" {
              name      = "${request.name}-settings"
              namespace = kubernetes_namespace.this.name
              data      = { greeting = input.greeting }
            }
            resource "kubernetes_secret" "conn" {
              name      = "${request.name}-conn"
              namespace = kubernetes_namespace.this.name
              data      = { username = "app", password = input.password }
              force_conflicts = true
            }
            """;

    static final String WEB = """
            module {
              name    = "web"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "image" {
              type = string
            }
            input "app" {
              type    = string
              default = "web"
            }
            input "rollout_timeout" {
              type    = number
              default = 300
            }
            input "wait" {
              type    = bool
              default = false
            }
            resource "kubernetes_deployment" "this" {
              name   = request.name
              labels = { app = input.app }
              spec = {
                replicas = 1
                selector = { matchLabels = { app = input.app } }
                template = {
                  metadata = { labels = { app = input.app } }
                  spec     = { containers = [{ name = "app", image = input.image, ports = [{ containerPort = 8080 }] }] }
                }
              }
              wait_for_rollout        = input.wait
              rollout_timeout_seconds = input.rollout_timeout
            }
            resource "kubernetes_service" "this" {
              name = request.name
              spec = { selector = { app = input.app }, ports = [{ name = "http", port = 80, targetPort = 8080 }] }
            }
            """;

    static final String DB = """
            module {
              name    = "db"
              version = "1.0.0"
              kind    = "Thing"
            }
            resource "kubernetes_manifest" "set" {
              manifest_yaml    = file("statefulset.yaml")
              wait_for_rollout = false
            }
            resource "kubernetes_manifest" "settings" {
              manifest_yaml = <<-EOT
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${request.name}-settings
                data:
                  team: ${request.team}
              EOT
            }
            """;

    static String statefulSetYaml(String serviceName) {
        return """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: ledger
                spec:
                  serviceName: %s
                  replicas: 1
                  selector:
                    matchLabels: {app: ledger}
                  template:
                    metadata:
                      labels: {app: ledger}
                    spec:
                      containers:
                      - name: db
                        image: registry.example/postgres:17
                """.formatted(serviceName);
    }

    static final String CRD = """
            module {
              name    = "queues"
              version = "1.0.0"
              kind    = "Thing"
            }
            resource "kubernetes_manifest" "crd" {
              manifest_yaml = <<-EOT
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: queues.messaging.platctl.dev
                spec:
                  group: messaging.platctl.dev
                  scope: Namespaced
                  names: {plural: queues, singular: queue, kind: Queue}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              retention: {type: string}
                              partitions: {type: integer}
              EOT
            }
            resource "kubernetes_manifest" "queue" {
              manifest = {
                apiVersion = "messaging.platctl.dev/v1"
                kind       = "Queue"
                metadata   = { name = request.name }
                spec       = { retention = "7d", partitions = 3 }
              }
              depends_on = [kubernetes_manifest.crd]
            }
            """;

    static final String SETTINGS = """
            module {
              name    = "settings"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "key" {
              type    = string
              default = "greeting"
            }
            resource "kubernetes_config_map" "this" {
              name = request.name
              data = { for k in [input.key] : k => "hello" }
            }
            """;

    @TempDir
    Path dir;
    private Fixture k;
    private Workspace ws;
    private InMemoryStateStore store;
    private Engine engine;
    /** The retries the applies made: "create queues.kubernetes_manifest.crd: cannot ...". */
    private final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ApplyListener recorder = new ApplyListener() {
        @Override
        public void retrying(ResourceChange change, String verb, int attempt, int maxAttempts, Duration delay, String message) {
            retries.add(verb + " " + change.address() + ": " + message);
        }
    };

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
        ws = new Workspace(dir).file("modules/team-space/module.hcl", MODULE).file("modules/web/module.hcl", WEB);
        store = new InMemoryStateStore();
        engine = new Engine(new Providers(List.of(k.provider)), store, Clock.systemUTC(), 4);
    }

    @AfterEach
    void stop() {
        k.close();
    }

    private Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        assertFalse(d.hasErrors(), d::toString);
        return cfg.orElseThrow();
    }

    private static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }

    private Plan plan(PlanOptions opts) {
        Configuration cfg = opts.mode() == Plan.Mode.DESTROY ? null : config();
        try (StackLocks locks = engine.lock(engine.stacks(Optional.ofNullable(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            Optional<Plan> p = engine.plan(cfg, locks, opts, d);
            assertFalse(d.hasErrors(), d::toString);
            return p.orElseThrow();
        }
    }

    private void apply(Plan plan) {
        ApplyResult r = tryApply(plan);
        assertTrue(r.succeeded(), r.diagnostics()::toString);
    }

    private ApplyResult tryApply(Plan plan) {
        Configuration cfg = plan.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            return engine.apply(cfg, plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    recorder, "hash");
        }
    }

    private static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void moduleAppliesReplansCleanRepairsDriftAndIsDestroyed() {
        ws.request("orders", "orders-api", "team-space@1.0.0", "password: s3cr3t");
        Plan first = plan(PlanOptions.normal());
        assertEquals(3, first.count(Action.CREATE));
        apply(first);
        assertEquals("team-orders", k.admin.namespaces().withName("team-orders").get().getMetadata().getName());
        assertEquals("s3cr3t", new String(Base64.getDecoder().decode(k.admin.secrets().inNamespace("team-orders")
                .withName("orders-api-conn").get().getData().get("password")), StandardCharsets.UTF_8));

        Plan again = plan(PlanOptions.normal());
        assertFalse(again.hasChanges(), again.changes()::toString);
        assertTrue(again.drift().isEmpty(), again.drift()::toString);

        k.admin.configMaps().inNamespace("team-orders").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("orders-api-settings").endMetadata().withData(Map.of("greeting", "hacked")).build())
                .fieldManager("kubectl-edit").forceConflicts().serverSideApply();
        k.admin.secrets().inNamespace("team-orders").withName("orders-api-conn").edit(s -> {
            s.getData().put("password", Base64.getEncoder().encodeToString("leaked".getBytes(StandardCharsets.UTF_8)));
            return s;
        });
        Plan drifted = plan(PlanOptions.normal());
        assertEquals(2, drifted.drift().size(), drifted.drift()::toString);
        assertEquals(ChangeReason.DRIFTED, change(drifted, "orders-api.kubernetes_secret.conn").reason());
        assertEquals(Action.UPDATE, change(drifted, "orders-api.kubernetes_secret.conn").action());
        assertFalse(drifted.drift().toString().contains("leaked") || drifted.changes().toString().contains("leaked"));
        assertFalse(drifted.changes().toString().contains("s3cr3t"));

        Plan secretOnly = plan(new PlanOptions(Plan.Mode.NORMAL, true,
                Set.of(dev.platctl.engine.address.ResourceAddress.parse("orders-api.kubernetes_secret.conn"))));
        apply(secretOnly);
        assertEquals("s3cr3t", new String(Base64.getDecoder().decode(k.admin.secrets().inNamespace("team-orders")
                .withName("orders-api-conn").get().getData().get("password")), StandardCharsets.UTF_8));

        Plan destroy = plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of()));
        assertEquals(3, destroy.count(Action.DELETE));
        apply(destroy);
        assertNull(k.admin.namespaces().withName("team-orders").get());
        assertTrue(store.read("orders").resources().isEmpty());
    }

    @Test
    void aWorkloadModuleAppliesReplansCleanReplacesOnANewSelectorAndIsDestroyed() {
        ws.request("shop", "storefront", "web@1.0.0", "image: registry.example/storefront:1");
        Plan first = plan(PlanOptions.normal());
        assertEquals(2, first.count(Action.CREATE));
        apply(first);
        assertEquals(1, k.admin.apps().deployments().inNamespace("default").withName("storefront").get().getSpec().getReplicas());
        Plan again = plan(PlanOptions.normal());
        assertFalse(again.hasChanges(), again.changes()::toString);

        ws.request("shop", "storefront", "web@1.0.0", "image: registry.example/storefront:2", "app: storefront");
        Plan relabelled = plan(PlanOptions.normal());
        assertTrue(change(relabelled, "storefront.kubernetes_deployment.this").action().isReplace(),
                change(relabelled, "storefront.kubernetes_deployment.this")::toString);
        assertEquals(Action.UPDATE, change(relabelled, "storefront.kubernetes_service.this").action());
        apply(relabelled);
        assertEquals(Map.of("app", "storefront"), k.admin.apps().deployments().inNamespace("default").withName("storefront").get()
                .getSpec().getSelector().getMatchLabels());
        assertFalse(plan(PlanOptions.normal()).hasChanges());

        apply(plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of())));
        assertNull(k.admin.apps().deployments().inNamespace("default").withName("storefront").get());
        assertNull(k.admin.services().inNamespace("default").withName("storefront").get());
    }

    @Test
    void aDeploymentThatDoesNotRollOutFailsTheApplyAndIsReplacedByTheNextOne() {
        ws.request("shop", "checkout", "web@1.0.0", "image: registry.example/checkout:1", "app: checkout", "wait: true",
                "rollout_timeout: 1");
        ApplyResult failed = tryApply(plan(PlanOptions.normal()));
        assertFalse(failed.succeeded());
        String told = failed.diagnostics().errors().get(0).detail();
        assertTrue(told.startsWith("cannot create kubernetes_deployment checkout.kubernetes_deployment.this (default/checkout): its"
                + " rollout did not complete within 1s: "), told);
        Plan retry = plan(PlanOptions.normal());
        assertEquals(ChangeReason.TAINTED, change(retry, "checkout.kubernetes_deployment.this").reason());
        apply(plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of())));
    }

    /**
     * The API server's refusal is told once: the engine's verb and the address, the object's namespace/name, then the
     * server's Status reason, message and HTTP status (not "cannot update ...: cannot apply ConfigMap ...: ...").
     */
    @Test
    void anObjectTheApiServerRefusesIsToldOnceWithTheAddressTheObjectAndTheServersWords() {
        ws.file("modules/settings/module.hcl", SETTINGS).request("shop", "greeter", "settings@1.0.0");
        apply(plan(PlanOptions.normal()));
        ws.request("shop", "greeter", "settings@1.0.0", "key: bad key");
        ApplyResult failed = tryApply(plan(PlanOptions.normal()));
        assertFalse(failed.succeeded());
        assertEquals(1, failed.diagnostics().errors().size(), failed.diagnostics()::toString);
        String told = failed.diagnostics().errors().get(0).detail();
        assertTrue(told.startsWith("cannot update kubernetes_config_map greeter.kubernetes_config_map.this (default/greeter): Invalid:"
                + " ConfigMap \"greeter\" is invalid: data[bad key]: Invalid value: \"bad key\": "), told);
        assertTrue(told.endsWith(" (status 422)"), told);
        assertEquals(1, told.split("cannot ", -1).length - 1, "said once: " + told);
        assertEquals(Map.of("greeting", "hello"), k.admin.configMaps().inNamespace("default").withName("greeter").get().getData());
        apply(plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of())));
    }

    @Test
    void manifestsGivenAsYamlFileAndHeredocApplyReplanCleanAndAreReplacedOnAnImmutableChange() {
        ws.file("modules/db/module.hcl", DB).file("modules/db/statefulset.yaml", statefulSetYaml("ledger"));
        ws.request("finance", "ledger", "db@1.0.0");
        apply(plan(PlanOptions.normal()));
        assertEquals("ledger", k.admin.apps().statefulSets().inNamespace("default").withName("ledger").get().getSpec().getServiceName());
        assertEquals(Map.of("team", "finance"), k.admin.configMaps().inNamespace("default").withName("ledger-settings").get().getData());
        assertFalse(plan(PlanOptions.normal()).hasChanges());

        ws.file("modules/db/statefulset.yaml", statefulSetYaml("ledger-headless"));
        Plan renamedService = plan(PlanOptions.normal());
        ResourceChange set = change(renamedService, "ledger.kubernetes_manifest.set");
        assertEquals(Action.DELETE_THEN_CREATE, set.action(), set::toString);
        assertEquals("[manifest.spec.serviceName]", set.replacePaths().toString());
        assertEquals(Action.NO_OP, change(renamedService, "ledger.kubernetes_manifest.settings").action());
        apply(renamedService);
        assertEquals("ledger-headless", k.admin.apps().statefulSets().inNamespace("default").withName("ledger").get().getSpec()
                .getServiceName());
        assertFalse(plan(PlanOptions.normal()).hasChanges());
        apply(plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of())));
        assertNull(k.admin.apps().statefulSets().inNamespace("default").withName("ledger").get());
    }

    /**
     * The custom resource's kind is served only once its definition is Established and discovery lists it (a moment
     * later), which creating the definition waits for.
     */
    @Test
    void aCustomResourceDefinitionAndACustomResourceOfItApplyInOneGoReplanCleanAndAreDestroyed() throws Exception {
        ws.file("modules/queues/module.hcl", CRD);
        ws.request("messaging", "orders", "queues@1.0.0");
        Plan first = plan(PlanOptions.normal());
        assertEquals(2, first.count(Action.CREATE));
        apply(first);
        assertEquals(List.of(), retries, "the custom resource is created at the first attempt: creating its definition waited until"
                + " it was Established and discovery served its kind");
        var queue = k.admin.genericKubernetesResources("messaging.platctl.dev/v1", "Queue").inNamespace("default").withName("orders").get();
        assertEquals(Map.of("retention", "7d", "partitions", 3), queue.getAdditionalProperties().get("spec"));
        Plan again = plan(PlanOptions.normal());
        assertFalse(again.hasChanges(), again.changes()::toString);

        // someone deletes the definition (and with it the queue); a new run finds both gone and makes them again: what it
        // discovered while refreshing (no such kind) is forgotten once it has applied the definition
        var definition = k.admin.apiextensions().v1().customResourceDefinitions().withName("queues.messaging.platctl.dev");
        definition.delete();
        definition.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
        try (Fixture nextRun = Fixture.start()) {
            engine = new Engine(new Providers(List.of(nextRun.provider)), store, Clock.systemUTC(), 4);
            Plan recreate = plan(PlanOptions.normal());
            assertEquals(2, recreate.count(Action.CREATE), recreate.changes()::toString);
            apply(recreate);
            assertEquals(List.of(), retries);
            assertEquals(Map.of("retention", "7d", "partitions", 3), k.admin.genericKubernetesResources("messaging.platctl.dev/v1", "Queue")
                    .inNamespace("default").withName("orders").get().getAdditionalProperties().get("spec"));
        }
        engine = new Engine(new Providers(List.of(k.provider)), store, Clock.systemUTC(), 4);

        Plan destroy = plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of()));
        assertEquals(2, destroy.count(Action.DELETE));
        apply(destroy);
        assertNull(k.admin.apiextensions().v1().customResourceDefinitions().withName("queues.messaging.platctl.dev").get());
        assertTrue(store.read("messaging").resources().isEmpty());
    }

    /**
     * The definition's singular name is another definition's, so it is never Established: its create fails for good
     * (a retry would find the stamped definition and record it as created), it is tainted, and its custom resource is
     * not attempted.
     */
    @Test
    void aDefinitionThatIsNotEstablishedInTimeFailsTheApplyWithoutRetryAndIsTainted() throws Exception {
        var taken = new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("streams.messaging.platctl.dev").endMetadata()
                .withNewSpec().withGroup("messaging.platctl.dev").withScope("Namespaced")
                .withNewNames().withPlural("streams").withSingular("queue").withKind("Stream").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
                .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
        k.admin.apiextensions().v1().customResourceDefinitions().resource(taken).create();
        try (Fixture impatient = Fixture.start(2)) {
            engine = new Engine(new Providers(List.of(impatient.provider)), store, Clock.systemUTC(), 4);
            ws.file("modules/queues/module.hcl", CRD);
            ws.request("messaging", "orders", "queues@1.0.0");
            ApplyResult failed = tryApply(plan(PlanOptions.normal()));
            assertFalse(failed.succeeded());
            String told = failed.diagnostics().errors().get(0).detail();
            assertTrue(told.startsWith("cannot create kubernetes_manifest orders.kubernetes_manifest.crd (queues.messaging.platctl.dev):"
                    + " not Established after 2s; its conditions are [NamesAccepted=False ("), told);
            assertEquals(List.of(), retries);
            Plan next = plan(PlanOptions.normal());
            assertEquals(ChangeReason.TAINTED, change(next, "orders.kubernetes_manifest.crd").reason(), next.changes()::toString);
            assertEquals(Action.CREATE, change(next, "orders.kubernetes_manifest.queue").action());
        } finally {
            for (String name : List.of("queues.messaging.platctl.dev", "streams.messaging.platctl.dev")) {
                var crd = k.admin.apiextensions().v1().customResourceDefinitions().withName(name);
                crd.delete();
                crd.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aYamlSyntaxErrorIsReportedAtTheManifestYamlAttributeWithTheLineInsideTheYaml() {
        ws.file("modules/db/module.hcl", DB).file("modules/db/statefulset.yaml", statefulSetYaml("ledger") + "  oops: [\n");
        ws.request("finance", "ledger", "db@1.0.0");
        Configuration cfg = config();
        try (StackLocks locks = engine.lock(engine.stacks(Optional.of(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            engine.plan(cfg, locks, PlanOptions.normal(), d);
            assertEquals(1, d.errors().size(), d::toString);
            var error = d.errors().get(0);
            assertEquals("Invalid YAML in \"manifest_yaml\"", error.summary());
            assertTrue(error.detail().startsWith("line 17, column 10 of kubernetes_manifest.manifest_yaml: while parsing a flow node;"),
                    error.detail());
            assertTrue(error.subject().orElseThrow().file().endsWith("module.hcl"), error.subject()::toString);
            assertEquals(7, error.subject().orElseThrow().start().line(), "the manifest_yaml line of the module");
        }
    }
}
