package dev.platctl.state.mvstore;

import dev.platctl.engine.state.LockInfo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;

/** Describes this process (user, host, pid) for the holder record of a store opened only to read. */
final class LocalProcess {
    private final String user = System.getProperty("user.name", "unknown");
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();
    private final Clock clock;

    LocalProcess(Clock clock) {
        this.clock = clock;
    }

    LockInfo reading() {
        return new LockInfo(UUID.randomUUID().toString(), "read", user, host, pid, clock.instant());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
