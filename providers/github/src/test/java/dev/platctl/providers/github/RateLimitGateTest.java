package dev.platctl.providers.github;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The block every request of a client waits behind: how long it lasts, who goes first when it ends, how it grows. */
class RateLimitGateTest {
    final GitHubTesting.RecordingSleeper sleeper = new GitHubTesting.RecordingSleeper();
    final RateLimitGate gate = new RateLimitGate(sleeper.clock, sleeper);

    @Test
    void aBlockExtendedWhileARequestWaitsIsWaitedOutToItsEnd() throws InterruptedException {
        gate.blockFor(Duration.ofSeconds(60));
        sleeper.during(d -> {
            // while this request sleeps, another one is answered with a longer retry-after
            if (sleeper.waits.size() == 1) gate.blockFor(Duration.ofSeconds(300));
        });
        RateLimitGate.Pass pass = gate.enter();
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(240)), sleeper.waits, "not sent at 60 s: the block was extended");
        assertTrue(pass.probe(), "the first request after the block is its probe");
    }

    @Test
    void aBlockNamingMoreThanAnHourIsHeldForAnHour() throws InterruptedException {
        gate.blockFor(Duration.ofHours(5));
        gate.enter();
        assertEquals(List.of(RateLimitGate.MAX_WAIT), sleeper.waits);
    }

    @Test
    void eachRefusalOfAProbeDoublesTheBlockAndAnAnswerThatGetsThroughResetsIt() throws InterruptedException {
        RateLimitGate.Pass pass = gate.enter();
        for (int i = 0; i < 3; i++) {
            gate.limited(pass, Optional.empty());
            pass = gate.enter();
        }
        gate.passed(pass);
        gate.limited(gate.enter(), Optional.empty());
        gate.enter();
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(1)), sleeper.waits);
    }

    @Test
    void requestsRefusedTogetherRaiseTheLevelOnce() throws InterruptedException {
        RateLimitGate.Pass a = gate.enter();
        RateLimitGate.Pass b = gate.enter();
        gate.limited(a, Optional.empty());
        gate.limited(b, Optional.empty());
        RateLimitGate.Pass next = gate.enter();
        assertEquals(List.of(Duration.ofMinutes(1)), sleeper.waits, "b was sent before the block a began: it waits for that block");
        gate.limited(next, Optional.empty());
        gate.enter();
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), sleeper.waits);
    }

    @Test
    void aLateAnswerToARequestSentBeforeTheBlockDoesNotLetNewRequestsPastTheProbe() throws Exception {
        RateLimitGate.Pass early = gate.enter();
        gate.limited(gate.enter(), Optional.of(Duration.ofSeconds(60)));
        RateLimitGate.Pass probe = gate.enter();
        assertTrue(probe.probe());
        gate.passed(early);
        CompletableFuture<RateLimitGate.Pass> arrival = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!arrival.isDone() && gate.waitingForProbe() == 0) {
            if (System.nanoTime() > deadline) fail("the new request neither went nor waited");
            Thread.onSpinWait();
        }
        assertFalse(arrival.isDone(), "a request arriving while the probe is out waits for its answer");
        gate.passed(probe);
        assertFalse(arrival.get(30, TimeUnit.SECONDS).probe(), "the probe got through: the block is over for everyone");
        assertEquals(List.of(Duration.ofSeconds(60)), sleeper.waits);
    }

    @Test
    void aProbeThatFailsWithoutAnAnswerHandsTheTurnToTheNextRequest() throws InterruptedException {
        gate.blockFor(Duration.ofSeconds(10));
        RateLimitGate.Pass probe = gate.enter();
        assertTrue(probe.probe());
        gate.failed(probe);
        RateLimitGate.Pass next = gate.enter();
        assertTrue(next.probe(), "the block is not known to be over: the next request probes");
        gate.passed(next);
        assertFalse(gate.enter().probe(), "an answer got through: no more probing");
    }
}
