package dev.platctl.state.mvstore;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Group commit: how many syncs cover which writes, and what a failed sync does. */
class GroupCommitterTest {
    @Test
    void writesRecordedDuringOneSyncShareTheNextSync() throws Exception {
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupCommitter committer = new GroupCommitter(() -> {
            if (calls.incrementAndGet() == 1) {
                firstSyncStarted.countDown();
                await(releaseFirstSync);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            Future<?> first = pool.submit(() -> committer.awaitDurable(committer.recordWrite()));
            firstSyncStarted.await();
            CountDownLatch recorded = new CountDownLatch(15);
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 15; i++)
                others.add(pool.submit(() -> {
                    long ticket = committer.recordWrite();
                    recorded.countDown();
                    committer.awaitDurable(ticket);
                }));
            recorded.await();
            releaseFirstSync.countDown();

            first.get(30, TimeUnit.SECONDS);
            for (Future<?> f : others) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(2, committer.syncs(), "one sync for the first write, one for the fifteen recorded during it");
    }

    @Test
    void aFailedSyncFailsItsWriterAndTheNextWriterRetries() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommitter committer = new GroupCommitter(() -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("disk full");
        });

        long ticket = committer.recordWrite();
        assertThrows(IllegalStateException.class, () -> committer.awaitDurable(ticket));
        committer.awaitDurable(committer.recordWrite());

        assertEquals(1, committer.syncs());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
