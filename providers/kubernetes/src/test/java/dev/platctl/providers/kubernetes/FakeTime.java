package dev.platctl.providers.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when a waiter sleeps on it, remembering each pause. */
final class FakeTime extends Clock implements Sleeper {
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    final List<Duration> pauses = new ArrayList<>();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        pauses.add(d);
        now = now.plus(d);
    }
}
