package dev.platctl.cli;

import dev.platctl.engine.Engine;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderLoader;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStores;
import dev.platctl.engine.value.ObjectValue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** The providers, state store and engine of one command run; closing releases them. */
final class Session implements AutoCloseable {
    static final int DEFAULT_PARALLELISM = 16;

    final Providers providers;
    final StateStore store;
    final Engine engine;
    final Clock clock = Clock.systemUTC();

    private Session(Providers providers, StateStore store, int parallelism) {
        this.providers = providers;
        this.store = store;
        this.engine = new Engine(providers, store, clock, parallelism);
    }

    /** Creates and configures the installed providers with the workspace's settings, or throws with every diagnostic. */
    static Providers providers(WorkspaceConfig ws) {
        return providers(ws, false);
    }

    /**
     * As {@link #providers(WorkspaceConfig)}; {@code offline} providers only plan, without their APIs or credentials
     * (validate, module tests).
     */
    static Providers providers(WorkspaceConfig ws, boolean offline) {
        Diagnostics d = new Diagnostics();
        ProviderContext context = new ProviderContext(ws.dir(), Clock.systemUTC(), SecureRandom::new, System.getenv());
        Providers providers = ProviderLoader.load(ws.providers(), offline ? context.asOffline() : context, d);
        if (d.hasErrors()) {
            providers.close();
            throw new DiagnosticsException(d);
        }
        return providers;
    }

    static Session open(WorkspaceConfig ws, int parallelism) {
        Providers providers = providers(ws);
        StateStore store;
        try {
            store = openStore(ws);
        } catch (RuntimeException e) {
            providers.close();
            throw e;
        }
        return new Session(providers, store, parallelism);
    }

    /** Opens the workspace's state backend and prints its warnings (once per command run) on standard error. */
    static StateStore openStore(WorkspaceConfig ws) {
        return openStore(ws.backend(), ws.dir(), ws.backendConfig());
    }

    /** Opens a state backend with the given block and prints its warnings on standard error. */
    static StateStore openStore(String backend, Path workspaceDir, ObjectValue config) {
        StateStore store = StateStores.open(backend, workspaceDir, config);
        for (String w : store.warnings()) System.err.println("Warning: " + w);
        return store;
    }

    LockInfo who(String operation) {
        return who(operation, clock);
    }

    /** Who this process is, as a lock holder doing {@code operation}. */
    static LockInfo who(String operation, Clock clock) {
        return new LockInfo(UUID.randomUUID().toString(), operation, user(), host(), ProcessHandle.current().pid(), clock.instant());
    }

    static String user() {
        String u = System.getenv("PLATCTL_USER");
        if (u == null || u.isBlank()) u = System.getProperty("user.name", "unknown");
        return u;
    }

    static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) return h;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            providers.close();
        }
    }
}
