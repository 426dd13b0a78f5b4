package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch read whose detail read fails ends the others before it throws: none of its calls outlives it (a later read
 * of the same objects would overlap them), and none not yet started starts. The details here are stand-ins; what the
 * real ones read is proven against the emulator in {@link BatchReadTest}.
 */
class BatchReadEndsItsCallsTest {
    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    static AwsServiceException denied() {
        return AwsServiceException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("denied").build()).build();
    }

    @Test
    void aFailedDetailReadEndsTheRunningOnesBeforeTheBatchThrows() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch batchEnded = new CountDownLatch(1);
        CompletableFuture<Boolean> slowSawTheBatchEnd = new CompletableFuture<>();
        List<String> started = new CopyOnWriteArrayList<>();
        List<ObjectValue> states = List.of(obj("name", "failing"), obj("name", "slow"), obj("name", "queued"));
        Function<List<String>, Map<String, String>> list = keys -> Map.of("failing", "failing", "slow", "slow", "queued", "queued");
        BatchRead.Details<String> details = (state, name) -> {
            started.add(name);
            switch (name) {
                case "failing" -> {
                    await(slowStarted, "the slow read to start");
                    throw denied();
                }
                case "slow" -> {
                    slowStarted.countDown();
                    try {
                        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                        slowSawTheBatchEnd.completeExceptionally(new AssertionError("the slow read was never interrupted"));
                    } catch (InterruptedException e) {
                        // interrupted, as it should be; it still looks (1 s at most) whether the batch returned meanwhile
                        try {
                            slowSawTheBatchEnd.complete(batchEnded.await(1, TimeUnit.SECONDS));
                        } catch (InterruptedException again) {
                            slowSawTheBatchEnd.complete(batchEnded.getCount() == 0);
                        }
                    }
                    return Optional.empty();
                }
                default -> {
                    return Optional.empty();
                }
            }
        };

        ProviderException e = assertThrows(ProviderException.class, () -> BatchRead.detailed("aws_thing", pool, states,
                s -> Attrs.requireString("aws_thing", s, "name"), list, details, Set.of()));
        batchEnded.countDown();
        assertEquals("cannot read aws_thing failing: AccessDenied: denied (status 403)", e.getMessage());
        assertFalse(slowSawTheBatchEnd.get(30, TimeUnit.SECONDS), "the slow read was still running when the batch read threw");
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of("failing", "slow"), started.stream().sorted().toList(), "the read not started never starts");
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("waited 30 s for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what);
        }
    }
}
