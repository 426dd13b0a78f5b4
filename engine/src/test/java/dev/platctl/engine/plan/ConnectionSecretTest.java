package dev.platctl.engine.plan;

import dev.platctl.engine.Engine;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.FakeProvider;
import dev.platctl.engine.testing.Workspace;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A module's connection_secret and a request's writeConnectionSecretToRef: the Secret the expansion adds, its
 * string values kept sensitive through plan, saved plan and state, and every mistake reported with its line.
 */
class ConnectionSecretTest {
    static final String DB = """
            module {
              name    = "db"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "port" {
              type    = number
              default = 5432
            }
            resource "fake_thing" "db" {
              name   = "${request.name}-db"
              secret = "pw-${request.name}-7f3a"
            }
            connection_secret {
              host     = "${fake_thing.db.id}.internal"
              port     = input.port
              username = request.name
              password = fake_thing.db.secret
            }
            """;
    static final String WORKSPACE = """
            workspace {
              modules  = "modules"
              requests = "requests"
            }
            provider "kubernetes" {}
            """;
    static final String ADDRESS = "orders-db.kubernetes_secret.connection_secret";

    @TempDir
    Path dir;
    Workspace ws;
    final FakeProvider fake = new FakeProvider();
    final Secrets secrets = new Secrets();
    final InMemoryStateStore store = new InMemoryStateStore();
    Engine engine;

    @BeforeEach
    void setUp() {
        ws = new Workspace(dir).file("platctl.hcl", WORKSPACE).file("modules/db/module.hcl", DB);
        engine = new Engine(new Providers(List.of(fake, secrets)), store, Clock.systemUTC(), 4);
    }

    static String request(String metadataExtra, String specExtra) {
        return "apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: orders-db\n  team: orders\n" + metadataExtra
                + "spec:\n  module: db@1.0.0\n" + specExtra;
    }

    @Test
    void theRequestsSecretHoldsTheConnectionValuesAsSensitiveStrings() {
        ws.file("requests/orders/orders-db.yaml", request("", "  writeConnectionSecretToRef:\n    name: orders-db-conn\n    namespace: orders-prod\n"));
        Plan plan = plan();
        ResourceChange c = change(plan, ADDRESS);
        assertEquals(Action.CREATE, c.action());
        ObjectValue after = (ObjectValue) c.after();
        assertEquals(new StringValue("orders-db-conn"), after.getOrNull("name"));
        assertEquals(new StringValue("orders-prod"), after.getOrNull("namespace"));
        assertInstanceOf(SensitiveValue.class, after.getOrNull("data"), "the whole data map is sensitive");
        ObjectValue data = (ObjectValue) after.getOrNull("data").unmarked();
        assertEquals(new StringValue("5432"), data.getOrNull("port"), "numbers are written as strings");
        assertEquals(new StringValue("orders-db"), data.getOrNull("username"));
        assertEquals(new StringValue("pw-orders-db-7f3a"), data.getOrNull("password"));
        assertInstanceOf(UnknownValue.class, data.getOrNull("host"), "the host is known once the database exists");
        assertTrue(c.dependencies().contains(ResourceAddress.parse("orders-db.fake_thing.db")), c.dependencies().toString());

        apply(plan);
        ObjectValue written = secrets.objects.get("orders-prod/orders-db-conn");
        assertEquals("{host=id-1.internal, password=pw-orders-db-7f3a, port=5432, username=orders-db}",
                new java.util.TreeMap<>(((ObjectValue) written.getOrNull("data").unmarked()).attributes()).toString()
                        .replace("\"", ""));
        Value stored = store.read("orders").resources().get(ResourceAddress.parse(ADDRESS)).attributes();
        assertInstanceOf(SensitiveValue.class, ((ObjectValue) stored).getOrNull("data"), "state keeps the sensitive mark");
        assertEquals(Map.of(), changes(plan()), "applied, the next plan has nothing to do");
    }

    @Test
    void aSavedPlanNeverHoldsTheSecretsValues() throws Exception {
        ws.file("requests/orders/orders-db.yaml", request("", "  writeConnectionSecretToRef: {name: orders-db-conn, namespace: orders}\n"));
        Plan plan = plan();
        Path file = dir.resolve("saved.plan");
        PlanFile.write(plan, file);
        String text = Files.readString(file);
        assertTrue(text.contains(ADDRESS), "the plan file lists the Secret");
        assertFalse(text.contains("pw-orders-db-7f3a"), "the password is not in the plan file");
        assertFalse(text.contains("5432"), "no connection value is in the plan file, not even the port");

        apply(PlanFile.read(file));
        ObjectValue written = secrets.objects.get("orders/orders-db-conn");
        assertEquals(new StringValue("pw-orders-db-7f3a"), ((ObjectValue) written.getOrNull("data").unmarked()).getOrNull("password"),
                "apply of the saved plan evaluates the redacted values again");
    }

    @Test
    void theNamespaceDefaultsToTheRequestsMetadataNamespace() {
        ws.file("requests/orders/orders-db.yaml", request("  namespace: orders-staging\n", "  writeConnectionSecretToRef: {name: conn}\n"));
        ObjectValue after = (ObjectValue) change(plan(), ADDRESS).after();
        assertEquals(new StringValue("orders-staging"), after.getOrNull("namespace"));
        assertEquals(new StringValue("conn"), after.getOrNull("name"));
    }

    @Test
    void theSecretIsWrittenAfterTheNamespaceAnotherRequestCreates() {
        ws.file("modules/space/module.hcl", """
                        module {
                          name    = "space"
                          version = "1.0.0"
                          kind    = "Thing"
                        }
                        resource "kubernetes_namespace" "this" {
                          name = "${request.team}-prod"
                        }
                        """)
                .request("orders", "orders-space", "space@1.0.0")
                .file("requests/orders/orders-db.yaml", request("", "  writeConnectionSecretToRef: {name: conn, namespace: orders-prod}\n"));
        Plan plan = plan();
        assertTrue(change(plan, ADDRESS).dependencies().contains(ResourceAddress.parse("orders-space.kubernetes_namespace.this")),
                change(plan, ADDRESS).dependencies().toString());
        apply(plan);
        assertEquals(List.of("kubernetes_namespace orders-prod", "kubernetes_secret orders-prod/conn"), secrets.created);
    }

    @Test
    void aRequestWithoutTheRefGetsNoSecret() {
        ws.file("requests/orders/orders-db.yaml", request("", ""));
        assertEquals(Set.of("orders-db.fake_thing.db"), changes(plan()).keySet());
    }

    @Test
    void everyProblemWithTheRefIsReportedAtOnceAtTheRequestsLine() {
        ws.file("platctl.hcl", "workspace {\n  modules = \"modules\"\n}\n")
                .file("modules/plain/module.hcl", "module {\n  name = \"plain\"\n  version = \"1.0.0\"\n  kind = \"Thing\"\n}\n")
                .file("requests/orders/orders-db.yaml", """
                        apiVersion: platctl.dev/v1
                        kind: Thing
                        metadata:
                          name: orders-db
                        spec:
                          module: plain@1.0.0
                          writeConnectionSecretToRef:
                            namespace: Orders_Prod
                        """);
        List<Diagnostic> errors = loadErrors();
        assertEquals(List.of("Missing writeConnectionSecretToRef.name", "Module plain@1.0.0 has no connection_secret",
                "No kubernetes provider configured", "Invalid namespace \"Orders_Prod\" for the connection secret"),
                errors.stream().map(Diagnostic::summary).toList());
        for (Diagnostic d : errors) {
            assertEquals("requests/orders/orders-db.yaml", d.subject().orElseThrow().file(), d.toString());
            assertEquals(d.summary().startsWith("Invalid namespace") ? 8 : 7, d.subject().orElseThrow().start().line(), d.toString());
        }
    }

    static Stream<Arguments> badRefs() {
        return Stream.of(
                Arguments.of("a name the API server refuses", "{name: Orders.DB_conn, namespace: orders}",
                        "Invalid writeConnectionSecretToRef.name \"Orders.DB_conn\"", 8),
                Arguments.of("no namespace in the ref and none in metadata", "{name: conn}",
                        "Missing writeConnectionSecretToRef.namespace", 8),
                Arguments.of("a field the ref does not have", "{name: conn, namespace: orders, key: x}",
                        "Unknown field \"key\" in spec.writeConnectionSecretToRef", 8),
                Arguments.of("not a mapping", "conn", "Invalid spec.writeConnectionSecretToRef", 8),
                Arguments.of("a name that is not a string", "{name: [a], namespace: orders}", "Invalid writeConnectionSecretToRef.name", 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRefs")
    void aBadRefIsAnErrorAtItsLine(String reason, String ref, String summary, int line) {
        ws.file("requests/orders/orders-db.yaml", request("", "  writeConnectionSecretToRef: " + ref + "\n"));
        List<Diagnostic> errors = loadErrors();
        assertEquals(List.of(summary), errors.stream().map(Diagnostic::summary).toList(), reason);
        assertEquals(line, errors.get(0).subject().orElseThrow().start().line(), reason);
    }

    static Stream<Arguments> badModules() {
        return Stream.of(
                Arguments.of("two blocks", "connection_secret {\n  host = \"h\"\n}\nconnection_secret {\n  port = 1\n}\n",
                        "Duplicate connection_secret block", 15, "the first is on line 12"),
                Arguments.of("an input the module lacks", "connection_secret {\n  port = input.prot\n}\n",
                        "Reference to undeclared input", 13, "Did you mean \"port\"?"),
                Arguments.of("a resource the module lacks", "connection_secret {\n  host = fake_thing.database.id\n}\n",
                        "Reference to undeclared resource", 13, "Did you mean \"fake_thing.db\"?"),
                Arguments.of("another request's outputs", "connection_secret {\n  host = request.other.outputs.host\n}\n",
                        "Unsupported request attribute", 13, "another request's outputs only from a resource"),
                Arguments.of("an empty block", "connection_secret {\n}\n", "Empty connection_secret block", 12, "keys of the Secret"),
                Arguments.of("a label", "connection_secret \"db\" {\n  host = \"h\"\n}\n", "Wrong number of labels on connection_secret block",
                        12, "expected 0 labels"),
                Arguments.of("the Secret's own address taken", "connection_secret {\n  host = \"h\"\n}\n"
                        + "resource \"kubernetes_secret\" \"connection_secret\" {\n  name = \"x\"\n}\n",
                        "Reserved resource name kubernetes_secret.connection_secret", 15, "Rename this resource"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModules")
    void aBadConnectionSecretBlockIsAnErrorAtItsLine(String reason, String block, String summary, int line, String detail) {
        ws.file("modules/db/module.hcl", """
                module {
                  name    = "db"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                input "port" {
                  type = number
                }
                resource "fake_thing" "db" {
                  name = "x"
                }
                """ + block);
        List<Diagnostic> errors = loadErrors();
        assertEquals(1, errors.size(), reason + ": " + errors);
        Diagnostic d = errors.get(0);
        assertEquals(summary, d.summary(), reason);
        assertEquals("modules/db/module.hcl", d.subject().orElseThrow().file(), reason);
        assertEquals(line, d.subject().orElseThrow().start().line(), reason + ": " + d);
        assertTrue(d.detail().contains(detail), reason + ": " + d.detail());
    }

    @Test
    void aValueThatIsNoStringNumberOrBoolIsAnErrorAtItsKey() {
        ws.file("modules/db/module.hcl", DB.replace("port     = input.port", "port     = [input.port]"))
                .file("requests/orders/orders-db.yaml", request("", "  writeConnectionSecretToRef: {name: conn, namespace: orders}\n"));
        Diagnostics d = new Diagnostics();
        assertTrue(tryPlan(d).isEmpty());
        Diagnostic e = d.errors().get(0);
        assertEquals("Invalid template interpolation value", e.summary(), d.toString());
        assertEquals("modules/db/module.hcl", e.subject().orElseThrow().file());
        assertEquals(16, e.subject().orElseThrow().start().line(), d.toString());
    }

    // ------------------------------------------------------------------ helpers

    List<Diagnostic> loadErrors() {
        Diagnostics d = new Diagnostics();
        ConfigLoader.load(dir, d);
        assertTrue(d.hasErrors(), "expected errors");
        return d.errors();
    }

    Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        assertFalse(d.hasErrors(), d.toString());
        return cfg.orElseThrow();
    }

    Optional<Plan> tryPlan(Diagnostics d) {
        Configuration cfg = config();
        try (StackLocks locks = engine.lock(engine.stacks(Optional.of(cfg)), who(), Duration.ZERO)) {
            return engine.plan(cfg, locks, PlanOptions.normal(), d);
        }
    }

    Plan plan() {
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = tryPlan(d);
        assertFalse(d.hasErrors(), d.toString());
        return p.orElseThrow();
    }

    void apply(Plan plan) {
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            ApplyResult r = engine.apply(config(), plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    ApplyListener.NONE, "hash");
            assertTrue(r.succeeded(), r.diagnostics().toString());
        }
    }

    static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " is not planned: " + p.changes()));
    }

    static Map<String, Action> changes(Plan p) {
        Map<String, Action> m = new java.util.TreeMap<>();
        for (ResourceChange c : p.changes()) if (c.action() != Action.NO_OP) m.put(c.address().toString(), c.action());
        return m;
    }

    static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }

    /**
     * A stand-in for the kubernetes provider's {@code kubernetes_secret} (name, namespace, sensitive data) and
     * {@code kubernetes_namespace} (name), keeping objects in a map by type/namespace/name; the real types are proven
     * on a real API server in providers/kubernetes. {@link #created} records the order of creates.
     */
    static final class Secrets implements Provider {
        final Map<String, ObjectValue> objects = new ConcurrentHashMap<>();
        final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<ResourceType> types = List.of(
                new Kind("kubernetes_secret", List.of(
                        AttributeSchema.required("name", AttributeType.STRING, "").asForceNew(),
                        AttributeSchema.optional("namespace", AttributeType.STRING, "").asForceNew(),
                        AttributeSchema.optional("data", AttributeType.MAP, "").asSensitive())),
                new Kind("kubernetes_namespace", List.of(AttributeSchema.required("name", AttributeType.STRING, "").asForceNew())));

        @Override
        public String name() {
            return "kubernetes";
        }

        @Override
        public List<AttributeSchema> configSchema() {
            return List.of();
        }

        @Override
        public Diagnostics configure(ObjectValue config) {
            return new Diagnostics();
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return types;
        }

        final class Kind implements ResourceType {
            private final SchemaPlanner planner;

            Kind(String type, List<AttributeSchema> attributes) {
                planner = new SchemaPlanner(new ResourceSchema(type, "in memory", attributes));
            }

            @Override
            public ResourceSchema schema() {
                return planner.schema();
            }

            @Override
            public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
                return planner.plan(prior, proposed);
            }

            private String key(ObjectValue v) {
                Value ns = v.getOrNull("namespace").unwrap();
                return (ns instanceof StringValue s ? s.value() + "/" : "") + ((StringValue) v.getOrNull("name").unwrap()).value();
            }

            @Override
            public ObjectValue create(ObjectValue planned, String idempotencyKey) {
                created.add(schema().type() + " " + key(planned));
                objects.put(key(planned), planned);
                return planned;
            }

            @Override
            public ObjectValue update(ObjectValue prior, ObjectValue planned) {
                objects.put(key(planned), planned);
                return planned;
            }

            @Override
            public void delete(ObjectValue prior) {
                objects.remove(key(prior));
            }

            @Override
            public Optional<ObjectValue> read(ObjectValue state) {
                return Optional.ofNullable(objects.get(key(state)));
            }

            @Override
            public Optional<ObjectValue> importState(String id) {
                return Optional.ofNullable(objects.get(id));
            }

            @Override
            public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
                return Optional.empty();
            }
        }
    }
}
