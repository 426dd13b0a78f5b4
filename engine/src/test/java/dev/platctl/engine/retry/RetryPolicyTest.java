package dev.platctl.engine.retry;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.provider.ProviderException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    final List<Duration> slept = new ArrayList<>();

    RetryPolicy policy(int attempts, double jitter) {
        return new RetryPolicy(attempts, Duration.ofSeconds(1), Duration.ofSeconds(5), slept::add, () -> jitter);
    }

    @Test
    void delaysDoubleUpToTheCapWithHalfOfEachJittered() {
        RetryPolicy none = policy(8, 0), full = policy(8, 0.999999);
        List<Long> low = new ArrayList<>(), high = new ArrayList<>();
        for (int attempt = 2; attempt <= 6; attempt++) {
            low.add(none.delayBefore(attempt).toMillis());
            high.add(full.delayBefore(attempt).toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 2500L, 2500L), low, "half of 1, 2, 4, 5 (capped), 5 s");
        assertEquals(List.of(1000L, 2000L, 4000L, 5000L, 5000L), high);
        assertEquals(Duration.ofSeconds(5), full.delayBefore(200), "no overflow however many attempts");
    }

    @Test
    void aRetryableFailureIsMadeAgainUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        List<String> heard = new ArrayList<>();
        String r = policy(4, 0.5).call(() -> {
            if (calls.incrementAndGet() < 3) throw new ProviderException("SlowDown (status 503)", true, null);
            return "done";
        }, () -> false, (attempt, of, delay, cause) -> heard.add(attempt + "/" + of + " after " + delay.toMillis() + "ms: " + cause.getMessage()));
        assertEquals("done", r);
        assertEquals(List.of("2/4 after 750ms: SlowDown (status 503)", "3/4 after 1500ms: SlowDown (status 503)"), heard);
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1500)), slept);
    }

    @Test
    void aRetryableCauseInsideAnotherExceptionCounts() {
        AtomicInteger calls = new AtomicInteger();
        policy(3, 0).call(() -> {
            if (calls.incrementAndGet() == 1)
                throw new PlatctlException("cannot read x", new ProviderException("Throttling", true, null));
            return 1;
        }, () -> false, RetryPolicy.Listener.NONE);
        assertEquals(2, calls.get());
    }

    @Test
    void aNonRetryableFailureIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        ProviderException denied = new ProviderException("AccessDenied (status 403)", false, null);
        ProviderException thrown = assertThrows(ProviderException.class, () -> policy(4, 0).call(() -> {
            calls.incrementAndGet();
            throw denied;
        }, () -> false, RetryPolicy.Listener.NONE));
        assertSame(denied, thrown);
        assertEquals(1, calls.get());
        assertTrue(slept.isEmpty());
    }

    @Test
    void exhaustedAttemptsSayHowManyWereMade() {
        ProviderException last = new ProviderException("Throttling: Rate exceeded", true, null);
        ProviderException thrown = assertThrows(ProviderException.class, () -> policy(3, 0).call(() -> {
            throw last;
        }, () -> false, RetryPolicy.Listener.NONE));
        assertEquals("Throttling: Rate exceeded (gave up after 3 attempts)", thrown.getMessage());
        assertFalse(thrown.retryable(), "the attempts are over: no caller should start them again");
        assertSame(last, thrown.getCause());
        assertEquals(2, slept.size());
    }

    @Test
    void exhaustedAttemptsKeepTheObjectAndTheReasonApartAndTheLastFailureAsCause() {
        List<ProviderException> made = new ArrayList<>();
        ProviderException thrown = assertThrows(ProviderException.class, () -> policy(3, 0).call(() -> {
            ProviderException p = ProviderException.api("update", "aws_vpc", "vpc-1", ProviderException.ApiError.of("Throttling",
                    "Rate exceeded", 400), true, null);
            made.add(p);
            throw p;
        }, () -> false, RetryPolicy.Listener.NONE));
        assertEquals("cannot update aws_vpc vpc-1: Throttling: Rate exceeded (status 400) (gave up after 3 attempts)", thrown.getMessage());
        assertEquals("cannot update aws_vpc net.aws_vpc.main (vpc-1): Throttling: Rate exceeded (status 400) (gave up after 3 attempts)",
                ProviderException.told("update", "aws_vpc net.aws_vpc.main", thrown));
        assertFalse(thrown.retryable());
        assertEquals(java.util.Optional.empty(), RetryPolicy.retryable(thrown), "a retryable cause does not make the last word retryable");
        assertSame(made.get(2), thrown.getCause(), "the last failure itself is kept, not only what it carried");
    }

    @Test
    void stopEndsRetryingSayingItStoppedNotThatItGaveUp() {
        AtomicInteger calls = new AtomicInteger();
        ProviderException thrown = assertThrows(ProviderException.class, () -> policy(5, 0).call(() -> {
            calls.incrementAndGet();
            throw ProviderException.api("update", "aws_vpc", "vpc-1", ProviderException.ApiError.of("Throttling", "Rate exceeded", 400),
                    true, null);
        }, () -> calls.get() >= 2, RetryPolicy.Listener.NONE));
        assertEquals(2, calls.get());
        assertEquals("cannot update aws_vpc vpc-1: Throttling: Rate exceeded (status 400) (stopped after 2 attempts)", thrown.getMessage());
        assertFalse(thrown.retryable());
    }

    @Test
    void anInterruptedWaitStopsRetryingSayingSo() {
        RetryPolicy interrupted = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(5), d -> {
            throw new InterruptedException();
        }, () -> 0);
        try {
            ProviderException thrown = assertThrows(ProviderException.class, () -> interrupted.call(() -> {
                throw new ProviderException("Throttling: Rate exceeded", true, null);
            }, () -> false, RetryPolicy.Listener.NONE));
            assertEquals("Throttling: Rate exceeded (stopped after 1 attempt)", thrown.getMessage());
            assertFalse(thrown.retryable());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, d -> { }, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(2, Duration.ofSeconds(9), Duration.ofSeconds(1), d -> { }, () -> 0));
    }
}
