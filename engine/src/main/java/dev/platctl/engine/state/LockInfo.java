package dev.platctl.engine.state;

import java.time.Instant;
import java.util.Objects;

/** Who holds (or asks for) a stack's lock, for the message the next person sees. */
public record LockInfo(String id, String operation, String who, String host, long pid, Instant since) {
    public LockInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(since, "since");
    }

    /** {@code alice@laptop (pid 4242), operation apply, since 2026-11-25T10:02:00Z, lock id 3f2c...} */
    public String describe() {
        return who + "@" + host + " (pid " + pid + "), operation " + operation + ", since " + since + ", lock id " + id;
    }
}
