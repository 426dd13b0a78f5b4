package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kubernetes provider configured against the test control plane, plus an admin client that plays the
 * other people and tools changing objects behind platctl's back.
 */
final class Fixture implements AutoCloseable {
    final KubernetesProvider provider;
    final KubernetesClient admin;

    private Fixture(KubernetesProvider provider, KubernetesClient admin) {
        this.provider = provider;
        this.admin = admin;
    }

    static Fixture start() throws IOException {
        return start(120);
    }

    /** With a new provider (nothing discovered yet) whose waits give up after {@code waitTimeoutSeconds}. */
    static Fixture start(int waitTimeoutSeconds) throws IOException {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        KubernetesProvider provider = new KubernetesProvider(context(cp.dir()));
        Diagnostics d = provider.configure(obj("kubeconfig", cp.kubeconfig().toString(), "wait_timeout_seconds", waitTimeoutSeconds));
        assertFalse(d.hasErrors(), d.toString());
        KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build();
        return new Fixture(provider, admin);
    }

    /** Settings that reach the test control plane through its kubeconfig. */
    static ClusterSettings settings(java.time.Duration waitTimeout) {
        Path kubeconfig = KubeApiServer.get().kubeconfig();
        return new ClusterSettings(Optional.of(kubeconfig.toString()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), waitTimeout, kubeconfig.getParent(), Map.of(), ClusterSettings.SERVICE_ACCOUNT);
    }

    static ProviderContext context(Path dir) {
        return new ProviderContext(dir, Clock.systemUTC(), () -> new SplittableRandom(1), Map.of());
    }

    ResourceType type(String name) {
        return provider.resourceType(name).orElseThrow();
    }

    /** Creates the object as the engine would: plan from nothing, then create with the address as key. */
    ObjectValue create(String type, ObjectValue config, String address) {
        PlanResult p = type(type).plan(Optional.empty(), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics().toString());
        return type(type).create(p.planned(), address);
    }

    /** Plans the configuration against the state and applies the update, as the engine would. */
    ObjectValue update(String type, ObjectValue state, ObjectValue config) {
        PlanResult p = type(type).plan(Optional.of(state), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics().toString());
        assertTrue(p.requiresReplace().isEmpty(), "expected an in-place update, got replace of " + p.requiresReplace());
        return type(type).update(state, p.planned());
    }

    /** Asserts that planning the configuration against the state changes nothing. */
    void assertNoChanges(String type, ObjectValue state, ObjectValue config) {
        PlanResult p = type(type).plan(Optional.of(state), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics().toString());
        assertEquals(Set.of(), p.requiresReplace());
        assertEquals(state.unmarked(), p.planned().unmarked(), "a re-plan should show no changes");
    }

    ObjectValue read(String type, ObjectValue state) {
        return type(type).read(state).orElseThrow(() -> new AssertionError("the object is gone"));
    }

    static ObjectValue obj(Object... kv) {
        Map<String, Value> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], value(kv[i + 1]));
        return new ObjectValue(m);
    }

    static Value list(Object... items) {
        return Value.list(java.util.Arrays.stream(items).map(Fixture::value).toList());
    }

    static Value value(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof String s) return Value.of(s);
        if (o instanceof Integer n) return Value.of(n);
        if (o instanceof Boolean b) return Value.of(b);
        if (o == null) return Value.NULL;
        throw new IllegalArgumentException("no value for " + o);
    }

    static String string(ObjectValue o, String key) {
        return String.valueOf(o.getOrNull(key).unmarked() instanceof dev.platctl.engine.value.StringValue s ? s.value() : null);
    }

    @Override
    public void close() {
        admin.close();
        provider.close();
    }
}
