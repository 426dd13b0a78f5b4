package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints apply progress like Terraform: one line per start and finish, and "Still creating..." every 10 s. */
final class ApplyProgress implements ApplyListener, AutoCloseable {
    private final PrintStream out;
    private final Ansi ansi;
    private final Clock clock;
    private final Map<ResourceChange, Instant> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    ApplyProgress(PrintStream out, Ansi ansi, Clock clock) {
        this.out = out;
        this.ansi = ansi;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "platctl-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 10, 10, TimeUnit.SECONDS);
    }

    @Override
    public void started(ResourceChange c) {
        inFlight.put(c, clock.instant());
        line(ansi.bold(c.address() + ":") + " " + verb(c.action(), false) + "...");
    }

    @Override
    public void finished(ResourceChange c, Duration took, Optional<String> error) {
        inFlight.remove(c);
        if (error.isPresent()) {
            line(ansi.bold(c.address() + ":") + " " + ansi.red(verb(c.action(), false) + " failed after " + seconds(took)));
        } else {
            line(ansi.bold(c.address() + ":") + " " + done(c.action()) + " after " + seconds(took) + id(c));
        }
    }

    @Override
    public void skipped(ResourceChange c, String becauseOf) {
        line(ansi.bold(c.address() + ":") + " " + ansi.yellow("skipped") + " because " + becauseOf + " did not complete");
    }

    @Override
    public void retrying(ResourceChange c, String verb, int attempt, int maxAttempts, Duration delay, String message) {
        line(ansi.bold(c.address() + ":") + " " + ansi.yellow("retrying " + verb + " in " + seconds(delay)
                + " (attempt " + attempt + "/" + maxAttempts + ")") + ": " + message);
    }

    @Override
    public void note(String message) {
        line(message);
    }

    private void tick() {
        Instant now = clock.instant();
        inFlight.forEach((c, since) -> line(ansi.bold(c.address() + ":") + " Still " + verb(c.action(), true)
                + "... [" + seconds(Duration.between(since, now)) + " elapsed]"));
    }

    private synchronized void line(String s) {
        out.println(s);
        out.flush();
    }

    private static String verb(Action a, boolean lower) {
        String v = switch (a) {
            case CREATE -> "Creating";
            case UPDATE -> "Modifying";
            case DELETE -> "Destroying";
            case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "Replacing";
            default -> "Reading";
        };
        return lower ? v.toLowerCase() : v;
    }

    private static String done(Action a) {
        return switch (a) {
            case CREATE -> "Creation complete";
            case UPDATE -> "Modifications complete";
            case DELETE -> "Destruction complete";
            case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "Replacement complete";
            default -> "Read complete";
        };
    }

    private static String id(ResourceChange c) {
        if (c.action() == Action.DELETE || !(c.after() instanceof ObjectValue o)) return "";
        Value id = o.getOrNull("id");
        return id instanceof StringValue s && !(id instanceof SensitiveValue) ? " [id=" + s.value() + "]" : "";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
