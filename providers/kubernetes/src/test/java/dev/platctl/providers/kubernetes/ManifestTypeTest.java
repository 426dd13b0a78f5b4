package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.platctl.providers.kubernetes.Fixture.list;
import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubernetes_manifest} against the real API server: built-in kinds full of server defaults, and custom resources. */
@ExtendWith(KubeApiServer.class)
class ManifestTypeTest {
    private static final String TYPE = ManifestType.TYPE;
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    private static ObjectValue deployment(String name, int replicas, String image) {
        ObjectValue labels = obj("app", name);
        return obj("wait_for_rollout", false, "manifest", obj(
                "apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", obj("name", name, "labels", labels),
                "spec", obj("replicas", replicas, "selector", obj("matchLabels", labels),
                        "template", obj("metadata", obj("labels", labels),
                                "spec", obj("containers", list(obj("name", "app", "image", image,
                                        "ports", list(obj("containerPort", 8080)))))))));
    }

    private Deployment live(String name) {
        return k.admin.apps().deployments().inNamespace("default").withName(name).get();
    }

    @Test
    void deploymentFullOfServerDefaultsReplansWithNoChangesAndUpdatesInPlace() {
        ObjectValue state = k.create(TYPE, deployment("api", 2, "nginx:1.27"), "web.kubernetes_manifest.api");
        Deployment d = live("api");
        assertEquals("RollingUpdate", d.getSpec().getStrategy().getType(), "the server defaulted fields platctl did not set");
        assertEquals("IfNotPresent", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy());
        assertEquals("default/api", Fixture.string(state, "id"));
        k.assertNoChanges(TYPE, k.read(TYPE, state), deployment("api", 2, "nginx:1.27"));

        ObjectValue updated = k.update(TYPE, state, deployment("api", 3, "nginx:1.28"));
        assertEquals(3, live("api").getSpec().getReplicas());
        assertEquals("nginx:1.28", live("api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        k.assertNoChanges(TYPE, k.read(TYPE, updated), deployment("api", 3, "nginx:1.28"));

        k.admin.apps().deployments().inNamespace("default").withName("api").scale(5);
        ObjectValue drifted = k.read(TYPE, updated);
        assertEquals(Value.of(5), ((ObjectValue) ((ObjectValue) drifted.getOrNull("manifest")).getOrNull("spec")).getOrNull("replicas"));
        ProviderException conflict = assertThrows(ProviderException.class,
                () -> k.update(TYPE, drifted, deployment("api", 3, "nginx:1.28")));
        assertTrue(conflict.getMessage().contains("conflict with \"fabric8-kubernetes-client\" with subresource \"scale\""
                + " using apps/v1: .spec.replicas"), "names the manager that scaled it: " + conflict.getMessage());
        ObjectValue repaired = k.update(TYPE, drifted, deployment("api", 3, "nginx:1.28").with("force_conflicts", Value.TRUE));
        assertEquals(3, live("api").getSpec().getReplicas());

        PlanResult renamed = k.type(TYPE).plan(Optional.of(repaired), deployment("api-2", 3, "nginx:1.28"));
        assertEquals(Set.of(AttributePath.of("manifest", "metadata", "name"), AttributePath.of("manifest", "spec", "selector")),
                renamed.requiresReplace(), "the new name comes with a new app label in the selector");

        ObjectValue imported = k.type(TYPE).importState("apiVersion=apps/v1,kind=Deployment,namespace=default,name=api").orElseThrow();
        assertEquals("default/api", Fixture.string(imported, "id"));
        ObjectValue importedManifest = (ObjectValue) imported.getOrNull("manifest");
        assertEquals(Value.of("Deployment"), importedManifest.getOrNull("kind"));
        assertNull(importedManifest.attributes().get("status"));

        k.type(TYPE).delete(repaired);
        assertNull(live("api"));
        assertEquals(Optional.empty(), k.type(TYPE).read(repaired));
    }

    @Test
    void secretStringDataIsFoldedIntoDataSoARePlanIsClean() {
        ObjectValue config = obj("manifest", obj("apiVersion", "v1", "kind", "Secret",
                "metadata", obj("name", "creds", "namespace", "default"),
                "data", obj("user", "YWRtaW4=", "token", "b2xk"),
                "stringData", obj("token", Value.of("s3cret").sensitive())));
        PlanResult planned = k.type(TYPE).plan(Optional.empty(), config);
        ObjectValue manifest = (ObjectValue) planned.planned().getOrNull("manifest").unwrap();
        assertNull(manifest.attributes().get("stringData"));
        assertTrue(manifest.getOrNull("data") instanceof dev.platctl.engine.value.SensitiveValue, "a Secret's data is sensitive");

        ObjectValue state = k.create(TYPE, config, "app.kubernetes_manifest.creds");
        assertEquals(Map.of("user", "YWRtaW4=", "token", "czNjcmV0"),
                k.admin.secrets().inNamespace("default").withName("creds").get().getData(), "stringData wins over data, as the server does it");
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);
        for (ObjectValue read : List.of(state, k.read(TYPE, state),
                k.type(TYPE).importState("apiVersion=v1,kind=Secret,namespace=default,name=creds").orElseThrow())) {
            ObjectValue m = (ObjectValue) read.getOrNull("manifest").unwrap();
            assertTrue(m.getOrNull("data") instanceof dev.platctl.engine.value.SensitiveValue, "read, created and imported: " + read);
            assertFalse(read.toString().contains("czNjcmV0"), read.toString());
        }
        k.type(TYPE).delete(state);
    }

    /** The YAML text holds the same values as the manifest it becomes, so for a Secret all of it is sensitive. */
    @Test
    void aSecretGivenAsYamlIsSensitiveWholeInThePlanTheCreatedReadAndImportedState() {
        ObjectValue config = yaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: yaml-creds
                  namespace: default
                data:
                  user: YWRtaW4=
                stringData:
                  token: s3cr3t-in-yaml
                """);
        PlanResult planned = k.type(TYPE).plan(Optional.empty(), config);
        assertFalse(planned.diagnostics().hasErrors(), planned.diagnostics().toString());
        ObjectValue state = k.create(TYPE, config, "app.kubernetes_manifest.yaml_creds");
        ObjectValue read = k.read(TYPE, state);
        ObjectValue imported = k.type(TYPE).importState("apiVersion=v1,kind=Secret,namespace=default,name=yaml-creds").orElseThrow();
        for (ObjectValue o : List.of(planned.planned(), state, read, imported)) {
            for (String secret : List.of("YWRtaW4=", "s3cr3t-in-yaml", "czNjcjN0LWluLXlhbWw="))
                assertFalse(o.toString().contains(secret), "shows " + secret + ": " + o);
            assertTrue(o.getOrNull("manifest_yaml").isNull() || o.getOrNull("manifest_yaml") instanceof dev.platctl.engine.value.SensitiveValue, o::toString);
        }
        assertTrue(state.getOrNull("manifest_yaml") instanceof dev.platctl.engine.value.SensitiveValue, state::toString);
        assertTrue(read.getOrNull("manifest_yaml") instanceof dev.platctl.engine.value.SensitiveValue, read::toString);
        k.assertNoChanges(TYPE, read, config);
        k.type(TYPE).delete(state);
    }

    @Test
    void aConfigMapGivenAsYamlIsNotSensitive() {
        PlanResult planned = k.type(TYPE).plan(Optional.empty(), yaml(CONFIG_YAML));
        assertFalse(planned.planned().getOrNull("manifest_yaml") instanceof dev.platctl.engine.value.SensitiveValue);
        assertTrue(planned.planned().toString().contains("fast"), planned.planned()::toString);
    }

    @Test
    void serviceIsGivenAClusterIpThatIsNotAChange() {
        ObjectValue config = obj("manifest", obj("apiVersion", "v1", "kind", "Service",
                "metadata", obj("name", "api-svc", "namespace", "default"),
                "spec", obj("selector", obj("app", "api"), "ports", list(obj("port", 80, "targetPort", 8080)))));
        ObjectValue state = k.create(TYPE, config, "web.kubernetes_manifest.svc");
        assertNotNull(k.admin.services().inNamespace("default").withName("api-svc").get().getSpec().getClusterIP());
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);
    }

    @Test
    void customResourceDefinitionAndACustomResource() throws Exception {
        ObjectValue specSchema = obj("type", "object", "properties", obj(
                "engine", obj("type", "string"), "storageGB", obj("type", "integer")));
        ObjectValue version = obj("name", "v1", "served", true, "storage", true,
                "schema", obj("openAPIV3Schema", obj("type", "object", "properties", obj("spec", specSchema))));
        ObjectValue crd = obj("manifest", obj("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", obj("name", "databases.platctl.dev"),
                "spec", obj("group", "platctl.dev", "scope", "Namespaced",
                        "names", obj("plural", "databases", "singular", "database", "kind", "Database"),
                        "versions", list(version))));
        ObjectValue crdState = k.create(TYPE, crd, "platform.kubernetes_manifest.crd");
        assertTrue(k.admin.getApiResources("platctl.dev/v1").getResources().stream().anyMatch(r -> r.getName().equals("databases")),
                "creating the definition waited until it was Established, so its kind is served");
        k.assertNoChanges(TYPE, k.read(TYPE, crdState), crd);

        ObjectValue db = database("postgres", 20);
        ObjectValue state = k.create(TYPE, db, "orders.kubernetes_manifest.db");
        assertEquals("default/orders", Fixture.string(state, "id"));
        assertEquals(Map.of("engine", "postgres", "storageGB", 20), liveDatabaseSpec());
        k.assertNoChanges(TYPE, k.read(TYPE, state), db);

        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), database("postgres", 50));
        assertEquals(Map.of("engine", "postgres", "storageGB", 50), liveDatabaseSpec());
        k.assertNoChanges(TYPE, k.read(TYPE, updated), database("postgres", 50));

        GenericKubernetesResource theirs = k.admin.getKubernetesSerialization().convertValue(Map.of("apiVersion", "platctl.dev/v1",
                "kind", "Database", "metadata", Map.of("name", "orders", "namespace", "default"), "spec", Map.of("engine", "mysql")),
                GenericKubernetesResource.class);
        k.admin.genericKubernetesResources("platctl.dev/v1", "Database").inNamespace("default").resource(theirs)
                .fieldManager("kubectl-edit").forceConflicts().serverSideApply();
        ObjectValue drifted = k.read(TYPE, updated);
        assertEquals(obj("engine", "mysql", "storageGB", 50), ((ObjectValue) drifted.getOrNull("manifest")).getOrNull("spec"));
        PlanResult repair = k.type(TYPE).plan(Optional.of(drifted), database("postgres", 50));
        ProviderException conflict = assertThrows(ProviderException.class, () -> k.type(TYPE).update(drifted, repair.planned()));
        assertTrue(conflict.getMessage().startsWith("cannot apply Database default/orders: "), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("conflict with \"kubectl-edit\""), conflict.getMessage());
        ObjectValue forced = database("postgres", 50).with("force_conflicts", Value.TRUE);
        ObjectValue repaired = k.update(TYPE, drifted, forced);
        assertEquals(Map.of("engine", "postgres", "storageGB", 50), liveDatabaseSpec());
        k.assertNoChanges(TYPE, k.read(TYPE, repaired), forced);

        ObjectValue imported = k.type(TYPE).importState("apiVersion=platctl.dev/v1,kind=Database,namespace=default,name=orders").orElseThrow();
        assertEquals(Fixture.string(state, "uid"), Fixture.string(imported, "uid"));
        ObjectValue adopted = k.update(TYPE, imported, database("postgres", 50));
        k.assertNoChanges(TYPE, k.read(TYPE, adopted), database("postgres", 50));

        PlanResult moved = k.type(TYPE).plan(Optional.of(adopted), database("postgres", 50).with("manifest",
                ((ObjectValue) database("postgres", 50).getOrNull("manifest")).with("metadata", obj("name", "orders", "namespace", "kube-public"))));
        assertEquals(Set.of(AttributePath.of("manifest", "metadata", "namespace")), moved.requiresReplace());

        k.type(TYPE).delete(adopted);
        assertNull(k.admin.genericKubernetesResources("platctl.dev/v1", "Database").inNamespace("default").withName("orders").get());
        k.type(TYPE).delete(crdState);
        assertEquals(Optional.empty(), k.type(TYPE).read(adopted), "a kind no longer served has no objects");

        // a new run knows nothing of the kind: discovery finds it unserved and no definition for it, so its objects are gone
        assertNull(k.admin.getApiResources("platctl.dev/v1"), "the deleted definition's group is no longer served");
        try (Fixture fresh = Fixture.start()) {
            assertEquals(Optional.empty(), fresh.type(TYPE).read(adopted), "no CustomResourceDefinition defines Database any more");
            assertEquals(List.of(Optional.empty()), fresh.type(TYPE).readAll(List.of(adopted)));
            fresh.type(TYPE).delete(adopted);
        }
    }

    private static ObjectValue definition(String plural, String singular, String kind, String group, ObjectValue... versions) {
        return obj("manifest", obj("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", obj("name", plural + "." + group),
                "spec", obj("group", group, "scope", "Namespaced",
                        "names", obj("plural", plural, "singular", singular, "kind", kind),
                        "versions", list((Object[]) versions))));
    }

    private static ObjectValue version(String name, boolean served, boolean storage) {
        return obj("name", name, "served", served, "storage", storage,
                "schema", obj("openAPIV3Schema", obj("type", "object", "x-kubernetes-preserve-unknown-fields", true)));
    }

    /** A cluster upgrade that stops serving autoscaling/v2beta2 leaves the autoscaler in place under autoscaling/v2. */
    @Test
    void aVersionTheServerNoLongerServesIsAnErrorNamingTheServedOnesNotAGoneObject() throws Exception {
        ObjectValue hpa = obj("manifest", obj("apiVersion", "autoscaling/v2", "kind", "HorizontalPodAutoscaler",
                "metadata", obj("name", "old-api"),
                "spec", obj("minReplicas", 1, "maxReplicas", 3,
                        "scaleTargetRef", obj("apiVersion", "apps/v1", "kind", "Deployment", "name", "old-api"))));
        ObjectValue created = k.create(TYPE, hpa, "web.kubernetes_manifest.hpa");
        ObjectValue manifest = (ObjectValue) created.getOrNull("manifest");
        ObjectValue written = created.with("manifest", manifest.with("apiVersion", Value.of("autoscaling/v2beta2")));
        try (Fixture fresh = Fixture.start()) {
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> fresh.type(TYPE).read(written), () -> fresh.type(TYPE).readAll(List.of(written)),
                    () -> fresh.type(TYPE).delete(written))) {
                ProviderException e = assertThrows(ProviderException.class, call);
                assertEquals("cannot find kind HorizontalPodAutoscaler in autoscaling/v2beta2: the API server serves it only as"
                        + " autoscaling/v2, autoscaling/v1", e.getMessage());
                assertFalse(e.retryable(), "no retry brings the version back");
            }
        }
        assertNotNull(k.admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").withName("old-api").get(),
                "a failed delete leaves the object, and its state, in place");
        // the way out: a served version of the same group in the configuration, applied without refreshing first
        ObjectValue moved = k.update(TYPE, written, hpa);
        assertEquals(Value.of("autoscaling/v2"), ((ObjectValue) moved.getOrNull("manifest")).getOrNull("apiVersion"));
        assertEquals(Fixture.string(created, "uid"), Fixture.string(moved, "uid"), "the same autoscaler, updated in place");
        k.assertNoChanges(TYPE, k.read(TYPE, moved), hpa);
        k.type(TYPE).delete(moved);
    }

    @Test
    void aVersionACustomResourceDefinitionDoesNotServeIsAnErrorNamingTheVersionsItServes() throws Exception {
        ObjectValue crd = definition("gadgets", "gadget", "Gadget", "versions.platctl.dev", version("v1", true, true), version("v2", false, false));
        ObjectValue crdState = k.create(TYPE, crd, "platform.kubernetes_manifest.gadgets");
        ObjectValue gadget = obj("manifest", obj("apiVersion", "versions.platctl.dev/v2", "kind", "Gadget", "metadata", obj("name", "g")));
        try (Fixture fresh = Fixture.start()) {
            ProviderException e = assertThrows(ProviderException.class, () -> fresh.type(TYPE).read(gadget.with("id", Value.of("default/g"))));
            assertEquals("cannot find kind Gadget in versions.platctl.dev/v2: its CustomResourceDefinition gadgets.versions.platctl.dev"
                    + " serves only versions.platctl.dev/v1", e.getMessage());
            assertFalse(e.retryable());
            assertThrows(ProviderException.class, () -> fresh.create(TYPE, gadget, "x.kubernetes_manifest.g"));
        } finally {
            k.type(TYPE).delete(crdState);
        }
    }

    /**
     * A definition whose singular name another one already holds is never Established: creating it fails once the wait
     * is over, for good (a retry would find the object and take it as created), and its conditions say why; its custom
     * resources fail for good too, naming the condition: the definition says it serves their version, but the API
     * server refused its names, and no wait changes that.
     */
    @Test
    void aDefinitionThatIsNeverEstablishedFailsItsCreateForGoodAndSoDoItsCustomResources() throws Exception {
        ObjectValue first = definition("widgets", "widget", "Widget", "names.platctl.dev", version("v1", true, true));
        ObjectValue clash = definition("sprockets", "widget", "Sprocket", "names.platctl.dev", version("v1", true, true));
        ObjectValue firstState = k.create(TYPE, first, "platform.kubernetes_manifest.widgets");
        try (Fixture impatient = Fixture.start(2)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> impatient.create(TYPE, clash, "platform.kubernetes_manifest.sprockets"));
            assertTrue(e.getMessage().startsWith("cannot apply CustomResourceDefinition sprockets.names.platctl.dev: not Established"
                    + " after 2s; its conditions are [NamesAccepted=False ("), e.getMessage());
            assertTrue(e.getMessage().contains("\"widget\" is already in use"), e.getMessage());
            assertFalse(e.retryable(), "a retry would take the stamped definition as created without waiting");

            ProviderException pending = assertThrows(ProviderException.class, () -> impatient.create(TYPE,
                    obj("manifest", obj("apiVersion", "names.platctl.dev/v1", "kind", "Sprocket", "metadata", obj("name", "s"))),
                    "x.kubernetes_manifest.s"));
            assertEquals("cannot find kind Sprocket in names.platctl.dev/v1: its CustomResourceDefinition sprockets.names.platctl.dev"
                    + " serves v1, but the API server will not serve it: NamesAccepted=False (SingularConflict): \"widget\" is already"
                    + " in use", pending.getMessage());
            assertFalse(pending.retryable(), "the API server refused the definition's names: no wait serves its kind");
        } finally {
            k.admin.apiextensions().v1().customResourceDefinitions().withName("sprockets.names.platctl.dev").delete();
            k.type(TYPE).delete(firstState);
        }
    }

    private static ObjectValue database(String engine, int storageGB) {
        return obj("manifest", obj("apiVersion", "platctl.dev/v1", "kind", "Database",
                "metadata", obj("name", "orders"), "spec", obj("engine", engine, "storageGB", storageGB)));
    }

    private Map<?, ?> liveDatabaseSpec() {
        GenericKubernetesResource live = k.admin.genericKubernetesResources("platctl.dev/v1", "Database")
                .inNamespace("default").withName("orders").get();
        return (Map<?, ?>) live.getAdditionalProperties().get("spec");
    }

    @Test
    void anUnknownKindIsAClearErrorThatIsNotRetried() {
        ObjectValue config = obj("manifest", obj("apiVersion", "v1", "kind", "Gizmo", "metadata", obj("name", "g")));
        ProviderException e = assertThrows(ProviderException.class, () -> k.create(TYPE, config, "x.kubernetes_manifest.g"));
        assertEquals("cannot find kind Gizmo in v1: the API server serves no such kind in the core API group (v1)", e.getMessage());
        assertFalse(e.retryable(), "a typo does not go away by waiting");
        assertEquals(Optional.empty(), k.type(TYPE).read(config.with("id", Value.of("default/g"))), "no object of a kind nothing defines exists");

        ObjectValue typo = obj("manifest", obj("apiVersion", "apps/v1", "kind", "Deploymnet", "metadata", obj("name", "d")));
        ProviderException inGroup = assertThrows(ProviderException.class, () -> k.create(TYPE, typo, "x.kubernetes_manifest.d"));
        assertEquals("cannot find kind Deploymnet in apps/v1: the API server serves no such kind in API group apps (apps/v1) and no"
                + " CustomResourceDefinition defines it", inGroup.getMessage());
        assertFalse(inGroup.retryable());
        ObjectValue unknownGroup = obj("manifest", obj("apiVersion", "nowhere.platctl.dev/v1", "kind", "Thing", "metadata", obj("name", "t")));
        ProviderException noGroup = assertThrows(ProviderException.class, () -> k.create(TYPE, unknownGroup, "x.kubernetes_manifest.t"));
        assertEquals("cannot find kind Thing in nowhere.platctl.dev/v1: the API server serves no API group nowhere.platctl.dev and no"
                + " CustomResourceDefinition defines the kind", noGroup.getMessage());
        assertFalse(noGroup.retryable(), "without a definition on its way, waiting does not help: the CustomResourceDefinition needs depends_on");
    }

    @Test
    void aManifestWithoutKindOrNameIsADiagnostic() {
        PlanResult p = k.type(TYPE).plan(Optional.empty(), obj("manifest", obj("apiVersion", "v1")));
        assertTrue(p.diagnostics().hasErrors());
        assertTrue(p.diagnostics().errors().get(0).detail().contains("kind, metadata.name"), p.diagnostics().toString());
    }

    private static ObjectValue yaml(String text) {
        return obj("wait_for_rollout", false, "manifest_yaml", text);
    }

    private static final String CONFIG_YAML = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app: shop}
            data:
              mode: "fast"
              retries: "3"
            """;

    @Test
    void manifestYamlIsAppliedComparedAndUpdatedLikeAManifestObject() {
        ObjectValue state = k.create(TYPE, yaml(CONFIG_YAML), "shop.kubernetes_manifest.settings");
        assertEquals(Map.of("mode", "fast", "retries", "3"), k.admin.configMaps().inNamespace("default").withName("settings").get().getData());
        assertEquals("default/settings", Fixture.string(state, "id"));
        k.assertNoChanges(TYPE, k.read(TYPE, state), yaml(CONFIG_YAML));

        ObjectValue changed = yaml(CONFIG_YAML.replace("\"3\"", "\"5\""));
        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), changed);
        assertEquals("5", k.admin.configMaps().inNamespace("default").withName("settings").get().getData().get("retries"));
        k.assertNoChanges(TYPE, k.read(TYPE, updated), changed);

        k.admin.configMaps().inNamespace("default").withName("settings").edit(c -> {
            c.getData().remove("mode");
            return c;
        });
        PlanResult drift = k.type(TYPE).plan(Optional.of(k.read(TYPE, updated)), changed);
        assertEquals(Value.of("fast"), ((ObjectValue) ((ObjectValue) drift.planned().getOrNull("manifest")).getOrNull("data")).getOrNull("mode"),
                "the removed key is planned back");
        k.update(TYPE, k.read(TYPE, updated), changed);
        assertEquals("fast", k.admin.configMaps().inNamespace("default").withName("settings").get().getData().get("mode"));

        PlanResult renamed = k.type(TYPE).plan(Optional.of(updated), yaml(CONFIG_YAML.replace("name: settings", "name: settings-2")));
        assertEquals(Set.of(AttributePath.of("manifest", "metadata", "name")), renamed.requiresReplace());
        k.type(TYPE).delete(updated);
    }

    @Test
    void aYamlSyntaxErrorNamesItsLineWithinTheYaml() {
        PlanResult p = k.type(TYPE).plan(Optional.empty(), yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                data:
                  a: [1, 2
                  b: "x"
                """));
        assertEquals(1, p.diagnostics().errors().size(), p.diagnostics().toString());
        assertEquals("Invalid YAML in \"manifest_yaml\"", p.diagnostics().errors().get(0).summary());
        String detail = p.diagnostics().errors().get(0).detail();
        assertTrue(detail.startsWith("line 7, column 4 of kubernetes_manifest.manifest_yaml: while parsing a flow sequence;"
                + " expected ',' or ']'"), detail);
    }

    @Test
    void multiDocumentYamlIsAnErrorNamingTheCount() {
        PlanResult p = k.type(TYPE).plan(Optional.empty(), yaml(CONFIG_YAML + "---\n" + CONFIG_YAML + "---\n" + CONFIG_YAML + "---\n"));
        assertEquals("kubernetes_manifest.manifest_yaml must hold exactly one YAML document, got 3; give each object its own"
                + " kubernetes_manifest.", p.diagnostics().errors().get(0).detail());
    }

    @Test
    void yamlThatIsNotAnObjectIsAnError() {
        PlanResult p = k.type(TYPE).plan(Optional.empty(), yaml("- apiVersion: v1\n  kind: ConfigMap\n"));
        assertEquals("kubernetes_manifest.manifest_yaml must be a mapping (apiVersion, kind, metadata, ...), got a list at line 1.",
                p.diagnostics().errors().get(0).detail());
    }

    @Test
    void yamlWithoutKindOrNameSaysWhatTheYamlMustSet() {
        PlanResult p = k.type(TYPE).plan(Optional.empty(), yaml("apiVersion: v1\nmetadata:\n  labels: {app: x}\n"));
        assertEquals("kubernetes_manifest.manifest_yaml must set kind, metadata.name.", p.diagnostics().errors().get(0).detail());
    }

    @Test
    void exactlyOneOfManifestAndManifestYamlIsSet() {
        PlanResult both = k.type(TYPE).plan(Optional.empty(), yaml(CONFIG_YAML).with("manifest",
                obj("apiVersion", "v1", "kind", "ConfigMap", "metadata", obj("name", "x"))));
        assertEquals("kubernetes_manifest takes exactly one of manifest (an object) and manifest_yaml (YAML text), not both.",
                both.diagnostics().errors().get(0).detail());
        PlanResult neither = k.type(TYPE).plan(Optional.empty(), obj("wait_for_rollout", false));
        assertEquals("kubernetes_manifest requires exactly one of manifest (an object) and manifest_yaml (YAML text).",
                neither.diagnostics().errors().get(0).detail());
    }

    @Test
    void manifestYamlKnownOnlyAtApplyIsPlannedAsAnUnknownManifestInPlace() {
        ObjectValue state = k.create(TYPE, yaml(CONFIG_YAML.replace("name: settings", "name: later")), "shop.kubernetes_manifest.later");
        PlanResult p = k.type(TYPE).plan(Optional.of(k.read(TYPE, state)), obj("wait_for_rollout", false, "manifest_yaml", Value.UNKNOWN));
        assertTrue(p.diagnostics().all().isEmpty(), p.diagnostics().toString());
        assertEquals(Value.UNKNOWN, p.planned().getOrNull("manifest"));
        assertEquals(Set.of(), p.requiresReplace());
        k.type(TYPE).delete(state);
    }

    @Test
    void importAdoptsAnObjectMadeOutsidePlatctlUpdatesItInPlaceAndThenPlansNoChanges() {
        k.admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("legacy")
                .addToLabels("app", "shop").endMetadata().withData(Map.of("mode", "slow", "owner", "ops")).build()).create();
        ObjectValue imported = k.type(TYPE).importState("apiVersion=v1,kind=ConfigMap,name=legacy").orElseThrow();
        assertEquals("default/legacy", Fixture.string(imported, "id"));
        ObjectValue config = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: legacy
                  labels: {app: shop}
                data:
                  mode: fast
                """).with("force_conflicts", Value.TRUE); // the creator's field manager owns data.mode until platctl takes it
        ObjectValue adopted = k.update(TYPE, imported, config);
        assertEquals(Map.of("mode", "fast", "owner", "ops"), k.admin.configMaps().inNamespace("default").withName("legacy").get().getData(),
                "the key platctl does not manage is left alone");
        k.assertNoChanges(TYPE, k.read(TYPE, adopted), config);
        k.type(TYPE).delete(adopted);
    }

    /** kube-apiserver clears or allocates the cluster IP itself, so no replacement is needed either way. */
    @Test
    void aServiceSwitchesToAndFromExternalNameInPlace() {
        ObjectValue clusterIp = obj("manifest", obj("apiVersion", "v1", "kind", "Service", "metadata", obj("name", "db-alias"),
                "spec", obj("ports", list(obj("port", 5432)))));
        ObjectValue externalName = obj("manifest", obj("apiVersion", "v1", "kind", "Service", "metadata", obj("name", "db-alias"),
                "spec", obj("type", "ExternalName", "externalName", "db.example.com")));
        ObjectValue state = k.create(TYPE, clusterIp, "shop.kubernetes_manifest.db_alias");
        String uid = Fixture.string(state, "uid");
        ObjectValue external = k.update(TYPE, k.read(TYPE, state), externalName);
        assertEquals("db.example.com", k.admin.services().inNamespace("default").withName("db-alias").get().getSpec().getExternalName());
        k.assertNoChanges(TYPE, k.read(TYPE, external), externalName);
        ObjectValue back = k.update(TYPE, k.read(TYPE, external), clusterIp);
        assertEquals("ClusterIP", k.admin.services().inNamespace("default").withName("db-alias").get().getSpec().getType());
        assertEquals(uid, Fixture.string(back, "uid"), "the same Service throughout");
        k.type(TYPE).delete(back);
    }

    static Stream<Arguments> immutableChanges() {
        ObjectValue labels = obj("app", "imm");
        ObjectValue template = obj("metadata", obj("labels", labels), "spec", obj("containers", list(obj("name", "app", "image", "x:1"))));
        ObjectValue template2 = obj("metadata", obj("labels", obj("app", "imm2")), "spec", obj("containers", list(obj("name", "app", "image", "x:1"))));
        ObjectValue sel = obj("matchLabels", labels);
        ObjectValue sel2 = obj("matchLabels", obj("app", "imm2"));
        ObjectValue claim = obj("metadata", obj("name", "data"), "spec", obj("accessModes", list("ReadWriteOnce"),
                "resources", obj("requests", obj("storage", "1Gi"))));
        ObjectValue sts = obj("replicas", 1, "serviceName", "imm", "selector", sel, "template", template);
        ObjectValue pvc = obj("accessModes", list("ReadWriteOnce"), "storageClassName", "slow", "volumeName", "pv-1",
                "resources", obj("requests", obj("storage", "1Gi")));
        ObjectValue jobTemplate = obj("spec", obj("restartPolicy", "Never", "containers", list(obj("name", "m", "image", "m:1"))));
        return Stream.of(
                Arguments.of("apps/v1", "Deployment", obj("spec", obj("selector", sel, "template", template)),
                        obj("spec", obj("selector", sel2, "template", template2)), "spec.selector"),
                Arguments.of("apps/v1", "ReplicaSet", obj("spec", obj("selector", sel, "template", template)),
                        obj("spec", obj("selector", sel2, "template", template2)), "spec.selector"),
                Arguments.of("apps/v1", "DaemonSet", obj("spec", obj("selector", sel, "template", template)),
                        obj("spec", obj("selector", sel2, "template", template2)), "spec.selector"),
                Arguments.of("apps/v1", "StatefulSet", obj("spec", sts), obj("spec", sts.with("serviceName", Value.of("imm-2"))),
                        "spec.serviceName"),
                Arguments.of("apps/v1", "StatefulSet", obj("spec", sts), obj("spec", sts.with("podManagementPolicy", Value.of("Parallel"))),
                        "spec.podManagementPolicy"),
                Arguments.of("apps/v1", "StatefulSet", obj("spec", sts.with("volumeClaimTemplates", list(claim))),
                        obj("spec", sts.with("volumeClaimTemplates", list(claim.with("metadata", obj("name", "logs"))))),
                        "spec.volumeClaimTemplates"),
                Arguments.of("batch/v1", "Job", obj("spec", obj("suspend", true, "template", jobTemplate)),
                        obj("spec", obj("suspend", true, "template", obj("spec", obj("restartPolicy", "OnFailure",
                                "containers", list(obj("name", "m", "image", "m:1")))))), "spec.template"),
                Arguments.of("v1", "Service", obj("spec", obj("clusterIP", "10.0.0.50", "ports", list(obj("port", 80)))),
                        obj("spec", obj("clusterIP", "10.0.0.51", "ports", list(obj("port", 80)))), "spec.clusterIP"),
                Arguments.of("apps/v1", "StatefulSet", obj("spec", sts), obj("spec", sts.with("selector", sel2).with("template", template2)),
                        "spec.selector"),
                Arguments.of("v1", "PersistentVolumeClaim", obj("spec", pvc), obj("spec", pvc.with("storageClassName", Value.of("fast"))),
                        "spec.storageClassName"),
                Arguments.of("v1", "PersistentVolumeClaim", obj("spec", pvc), obj("spec", pvc.with("accessModes", list("ReadWriteMany"))),
                        "spec.accessModes"),
                Arguments.of("v1", "PersistentVolumeClaim", obj("spec", pvc), obj("spec", pvc.with("volumeName", Value.of("pv-2"))),
                        "spec.volumeName"),
                Arguments.of("v1", "PersistentVolumeClaim", obj("spec", pvc), obj("spec", pvc.with("volumeMode", Value.of("Block"))),
                        "spec.volumeMode"),
                Arguments.of("v1", "ConfigMap", obj("immutable", true, "data", obj("a", "1")), obj("immutable", true, "data", obj("a", "2")),
                        "data"),
                Arguments.of("v1", "Secret", obj("immutable", true, "data", obj("a", "MQ==")), obj("data", obj("a", "MQ==")), "immutable"));
    }

    /** Each row of the table against the real API server: the plan replaces, and the in-place update it saves is refused. */
    @ParameterizedTest(name = "{1} {4}")
    @MethodSource("immutableChanges")
    void aChangeToAnImmutableFieldIsPlannedAsAReplacementBecauseTheServerRefusesItInPlace(String apiVersion, String kind,
                                                                                        ObjectValue body, ObjectValue changedBody, String field) {
        String name = "imm-" + kind.toLowerCase() + "-" + field.replace(".", "-").toLowerCase();
        ObjectValue metadata = obj("name", name);
        ObjectValue config = obj("wait_for_rollout", false, "manifest", body.with("apiVersion", Value.of(apiVersion))
                .with("kind", Value.of(kind)).with("metadata", metadata));
        ObjectValue changed = config.with("manifest", changedBody.with("apiVersion", Value.of(apiVersion))
                .with("kind", Value.of(kind)).with("metadata", metadata));
        ObjectValue state = k.read(TYPE, k.create(TYPE, config, "imm.kubernetes_manifest." + name));
        PlanResult p = k.type(TYPE).plan(Optional.of(state), changed);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics().toString());
        AttributePath path = AttributePath.of("manifest");
        for (String key : field.split("\\.")) path = path.key(key);
        assertEquals(Set.of(path), p.requiresReplace());
        ProviderException refused = assertThrows(ProviderException.class, () -> k.type(TYPE).update(state, p.planned()));
        assertTrue(refused.getMessage().endsWith("(status 422)")
                && Pattern.compile("immutable|forbidden|may not change", Pattern.CASE_INSENSITIVE).matcher(refused.getMessage()).find(),
                refused.getMessage());
        // no controller here removes a claim's pvc-protection finalizer, so the test takes it off before deleting
        var live = k.admin.genericKubernetesResources(apiVersion, kind).inNamespace("default").withName(name);
        live.edit(r -> {
            r.getMetadata().setFinalizers(List.of());
            return r;
        });
        k.type(TYPE).delete(state);
    }

}
