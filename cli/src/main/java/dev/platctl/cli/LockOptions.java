package dev.platctl.cli;

import picocli.CommandLine;

import java.time.Duration;

/** {@code --lock-timeout}: how long to wait for a stack held by someone else. */
final class LockOptions {
    @CommandLine.Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for a lock held by another run, e.g. 30s, 5m (default: ${DEFAULT-VALUE}, fail at once).")
    String lockTimeout;

    Duration timeout() {
        String t = lockTimeout.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "invalid --lock-timeout '" + lockTimeout + "': expected a number with a unit, e.g. 30s or 5m");
        }
    }
}
