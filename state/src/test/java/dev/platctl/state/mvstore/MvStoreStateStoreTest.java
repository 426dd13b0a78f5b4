package dev.platctl.state.mvstore;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreContractTest;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.state.StateStoreFactory;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state store contract plus what only a file shared between processes can show. */
class MvStoreStateStoreTest extends StateStoreContractTest {
    @Override
    protected StateStore newStore(Path dir) {
        return new MvStoreStateStore(dir.resolve("state.mv.db"), Clock.systemUTC());
    }

    @Test
    void reopeningTheFileKeepsResourcesSerialLineageAndHistory() {
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(everyField());
            lock.appendHistory(history(1, "apply"));
        }
        StackState before = store.read("payments");
        store.close();

        store = newStore(dir);
        assertEquals(before, store.read("payments"));
        assertEquals(2, store.read("payments").serial());
        assertEquals(List.of(history(1, "apply")), store.history("payments"));
        assertEquals(Set.of("payments"), store.stacks());
    }

    @Test
    void readingAWorkspaceWithoutStateCreatesNoFile() {
        assertEquals(StackState.empty("payments"), store.read("payments"));
        assertTrue(store.stacks().isEmpty());

        assertFalse(Files.exists(dir.resolve("state.mv.db")));
    }

    @Test
    void factoryIsFoundByNameAndDefaultsToTheWorkspaceStateFile() {
        StateStoreFactory factory = ServiceLoader.load(StateStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("local")).findFirst().orElseThrow();

        try (StateStore local = factory.open(dir.resolve("ws"), ObjectValue.EMPTY);
             StackLock lock = local.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));
        }
        assertTrue(Files.exists(dir.resolve("ws/.platctl/state.mv.db")));

        try (StateStore custom = factory.open(dir.resolve("ws"), Value.object(Map.of("path", Value.of("../shared/team.mv.db"))));
             StackLock lock = custom.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));
        }
        assertTrue(Files.exists(dir.resolve("shared/team.mv.db")));
    }

    @Test
    void factoryRejectsUnknownSettings() {
        StateStoreException e = assertThrows(StateStoreException.class, () -> new MvStoreStateStoreFactory()
                .open(dir, Value.object(Map.of("bucket", Value.of("x")))));

        assertEquals("cannot open backend \"local\": unknown setting 'bucket' (settings are path,"
                + " encryption_key_env and previous_encryption_key_env)", e.getMessage());
    }

    @Test
    void twoStoresOnOneFileInOneProcessExcludeEachOther() {
        try (StateStore other = newStore(dir);
             StackLock held = store.lock("payments", who("alice"), NO_WAIT)) {
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> other.lock("search", who("bob"), NO_WAIT));

            assertEquals(held.info(), e.heldBy());
        }
    }

    @Test
    void lockHeldByAnotherProcessNamesThatProcess() throws Exception {
        Process child = startChild("hold", "payments");
        try {
            long pid = Long.parseLong(readLine(child).replace("locked ", ""));

            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> store.lock("payments", who("alice"), Duration.ofMillis(200)));
            assertEquals(pid, e.heldBy().pid());
            assertEquals("child", e.heldBy().who());
            assertEquals("plan", e.heldBy().operation());
            assertTrue(e.getMessage().contains("held by child@testhost (pid " + pid + "), operation plan"), e.getMessage());

            StateLockedException onRead = assertThrows(StateLockedException.class, () -> store.read("payments"));
            assertEquals(pid, onRead.heldBy().pid());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void lockWaitsForAnotherProcessToFinish() throws Exception {
        Process child = startChild("hold", "payments");
        readLine(child);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(300);
                child.getOutputStream().close();
            } catch (IOException | InterruptedException ignored) {
                child.destroy();
            }
        });
        closer.start();

        try (StackLock lock = store.lock("payments", who("alice"), Duration.ofSeconds(60))) {
            assertEquals("alice", lock.info().who());
        } finally {
            closer.join();
            child.waitFor();
        }
    }

    @Test
    void killedWriterLosesNoAcknowledgedWriteAndLeavesNoLock() throws Exception {
        Process child = startChild("write", "payments");
        List<String> acknowledged = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(out.readLine().startsWith("locked "));
        while (acknowledged.size() < 200) acknowledged.add(out.readLine());
        child.destroyForcibly().waitFor();

        StackState s = store.read("payments");
        Set<String> kept = new HashSet<>();
        s.resources().keySet().forEach(a -> kept.add(a.toString()));
        for (String a : acknowledged) assertTrue(kept.contains(a), "acknowledged write of " + a + " was lost");
        assertTrue(s.serial() >= acknowledged.size());
        assertTrue(s.find(new ResourceAddress("payments", "platctl_data", "r150")).orElseThrow().attributes()
                .getOrNull("secret").containsSensitive());
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            assertEquals("alice", lock.info().who());
        }
    }

    @Test
    void damagedFileIsReportedWithWhatToDo() throws IOException {
        Path file = dir.resolve("state.mv.db");
        byte[] junk = new byte[64 * 1024];
        for (int i = 0; i < junk.length; i++) junk[i] = (byte) (i * 31 + 7);
        Files.write(file, junk);

        StateStoreException e = assertThrows(StateStoreException.class, () -> store.read("payments"));

        assertTrue(e.getMessage().startsWith("cannot open state file " + file + ": it is damaged or not a platctl state store"), e.getMessage());
        assertTrue(e.getMessage().contains("restore the file from a backup, or move it away"), e.getMessage());
        assertThrows(StateStoreException.class, () -> store.lock("payments", who("alice"), NO_WAIT),
                "the failed open leaves no lock behind and fails again the same way");
    }

    private Process startChild(String mode, String stack) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreChildMain.class.getName(),
                mode, dir.resolve("state.mv.db").toString(), stack)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String readLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
