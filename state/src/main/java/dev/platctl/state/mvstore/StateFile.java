package dev.platctl.state.mvstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.AddressText;
import dev.platctl.state.json.HistoryEntryJson;
import dev.platctl.state.json.ResourceStateJson;
import dev.platctl.state.json.StateJson;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An open MVStore state file: a map of stacks (lineage and serial), one map of resources and one of history per
 * stack. Each write changes one entry plus the stack's serial and returns once a sync covers it.
 */
final class StateFile implements AutoCloseable {
    static final int FORMAT = 1;
    private static final String INFO = "platctl.info";
    private static final String STACKS = "platctl.stacks";
    private static final String RESOURCES = "platctl.resources.";
    private static final String HISTORY = "platctl.history.";

    private final Path path;
    private final ResourceStateJson codec;
    private final MVStore store;
    private final MVMap<String, String> stacks;
    private final Map<String, MVMap<String, String>> resourceMaps = new ConcurrentHashMap<>();
    private final Map<String, MVMap<Long, String>> historyMaps = new ConcurrentHashMap<>();
    private final GroupCommitter committer;
    private final Object writeMutex = new Object();

    private StateFile(Path path, ResourceStateJson codec, MVStore store) {
        this.path = path;
        this.codec = codec;
        this.store = store;
        this.committer = new GroupCommitter(this::commitAndSync);
        MVMap<String, String> info = store.openMap(INFO, stringMap());
        String format = info.get("format");
        if (format == null) {
            if (store.getMapNames().stream().anyMatch(n -> !n.equals(INFO)))
                throw new StateStoreException("cannot open state file " + path + ": it is an MVStore file but not a"
                        + " platctl state store. Point backend \"local\" { path = ... } at another file.");
            info.put("format", Integer.toString(FORMAT));
        } else if (!format.equals(Integer.toString(FORMAT))) {
            throw new StateStoreException("cannot open state file " + path + ": it has format " + format
                    + ", this platctl reads format " + FORMAT + ". Use the platctl version that wrote it.");
        }
        this.stacks = store.openMap(STACKS, stringMap());
        commitAndSync();
    }

    /** Opens (or creates) the file; the caller already holds the file's {@link StoreFileLock}. */
    static StateFile open(Path path, ResourceStateJson codec) {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED)
                throw new StateStoreException("cannot open state file " + path + ": another program has it open,"
                        + " outside platctl's locking. Close that program and retry.", e);
            throw unreadable(path, e);
        } catch (RuntimeException e) {
            throw unreadable(path, e);
        }
        try {
            return new StateFile(path, codec, store);
        } catch (RuntimeException e) {
            store.closeImmediately();
            if (e instanceof StateStoreException s) throw s;
            throw unreadable(path, e);
        }
    }

    private static StateStoreException unreadable(Path path, RuntimeException e) {
        return new StateStoreException("cannot open state file " + path + ": it is damaged or not a platctl state"
                + " store (" + e.getMessage() + "). If the state is encrypted, check the key; otherwise restore"
                + " the file from a backup, or move it away to start with empty state.", e);
    }

    SortedSet<String> stacks() {
        return reading("read the list of stacks", () -> new TreeSet<>(stacks.keySet()));
    }

    StackState read(String stack) {
        return reading("read stack '" + stack + "'", () -> {
            StackMeta meta;
            Cursor<String, String> cursor;
            synchronized (writeMutex) {
                meta = StackMeta.parse(stacks.get(stack));
                if (meta == StackMeta.NONE) return StackState.empty(stack);
                cursor = resources(stack).cursor(null);
            }
            Map<ResourceAddress, ResourceState> out = new HashMap<>();
            while (cursor.hasNext()) {
                ResourceAddress a = AddressText.parse(cursor.next());
                out.put(a, codec.read(stack, a, cursor.getValue()));
            }
            return new StackState(stack, meta.lineage, meta.serial, out);
        });
    }

    List<HistoryEntry> history(String stack) {
        return reading("read the history of stack '" + stack + "'", () -> {
            if (!stacks.containsKey(stack)) return List.of();
            List<HistoryEntry> out = new ArrayList<>();
            for (String json : historyMap(stack).values()) out.add(HistoryEntryJson.read(json));
            return List.copyOf(out);
        });
    }

    void put(String stack, ResourceState r) {
        String json = codec.write(stack, r);
        write(stack, () -> resources(stack).put(r.address().toString(), json));
    }

    void remove(String stack, ResourceAddress address) {
        long ticket = guarded("write stack '" + stack + "'", () -> {
            synchronized (writeMutex) {
                if (!stacks.containsKey(stack) || resources(stack).remove(address.toString()) == null) return 0L;
                return bumpSerial(stack);
            }
        });
        if (ticket > 0) durable(stack, ticket);
    }

    void appendHistory(String stack, HistoryEntry entry) {
        String json = HistoryEntryJson.write(entry);
        write(stack, () -> historyMap(stack).put(serialAfterWrite(stack), json));
    }

    /** Writes a whole stack copied from elsewhere, in one commit; see {@link dev.platctl.engine.state.StackLock#restore}. */
    void restore(String stack, StackState snapshot, List<HistoryEntry> history) {
        Map<String, String> bodies = new HashMap<>();
        snapshot.resources().forEach((a, r) -> bodies.put(a.toString(), codec.write(stack, r)));
        List<String> records = history.stream().map(HistoryEntryJson::write).toList();
        long ticket = guarded("restore stack '" + stack + "'", () -> {
            synchronized (writeMutex) {
                if (stacks.containsKey(stack))
                    throw new StateStoreException("cannot restore stack '" + stack + "': it already has state in " + path);
                resources(stack).putAll(bodies);
                // history is keyed by the serial after each write; the copies end at the snapshot's serial, in order
                long key = snapshot.serial() - records.size();
                MVMap<Long, String> h = historyMap(stack);
                for (String json : records) h.put(++key, json);
                stacks.put(stack, new StackMeta(snapshot.lineage(), snapshot.serial()).toJson());
                return committer.recordWrite();
            }
        });
        durable(stack, ticket);
    }

    long syncs() {
        return committer.syncs();
    }

    @Override
    public void close() {
        store.close();
    }

    private void write(String stack, Runnable change) {
        long ticket = guarded("write stack '" + stack + "'", () -> {
            synchronized (writeMutex) {
                change.run();
                return bumpSerial(stack);
            }
        });
        durable(stack, ticket);
    }

    private void durable(String stack, long ticket) {
        guarded("write stack '" + stack + "'", () -> {
            committer.awaitDurable(ticket);
            return null;
        });
    }

    private long serialAfterWrite(String stack) {
        return StackMeta.parse(stacks.get(stack)).serial + 1;
    }

    /** Called under the write mutex after a change: assigns the lineage on first write and counts the write. */
    private long bumpSerial(String stack) {
        StackMeta meta = StackMeta.parse(stacks.get(stack));
        String lineage = meta.lineage.isEmpty() ? UUID.randomUUID().toString() : meta.lineage;
        stacks.put(stack, new StackMeta(lineage, meta.serial + 1).toJson());
        return committer.recordWrite();
    }

    private void commitAndSync() {
        store.commit();
        store.sync();
    }

    private MVMap<String, String> resources(String stack) {
        return resourceMaps.computeIfAbsent(stack, s -> store.openMap(RESOURCES + s, stringMap()));
    }

    private MVMap<Long, String> historyMap(String stack) {
        return historyMaps.computeIfAbsent(stack, s -> store.openMap(HISTORY + s,
                new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE)));
    }

    private static MVMap.Builder<String, String> stringMap() {
        return new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
    }

    /**
     * Runs a read while holding on to the version it sees: chunks are reused as soon as they are dead (retention
     * time 0, safe because every commit is synced), so a long traversal must keep its version alive.
     */
    private <T> T reading(String doing, Supplier<T> read) {
        return guarded(doing, () -> {
            MVStore.TxCounter version = store.registerVersionUsage();
            try {
                return read.get();
            } finally {
                store.deregisterVersionUsage(version);
            }
        });
    }

    private <T> T guarded(String doing, Supplier<T> action) {
        try {
            return action.get();
        } catch (MVStoreException e) {
            throw new StateStoreException("cannot " + doing + " in state file " + path + ": " + e.getMessage(), e);
        }
    }

    /** A stack's lineage and serial, stored as one small JSON record. */
    private record StackMeta(String lineage, long serial) {
        static final StackMeta NONE = new StackMeta("", 0);

        /** {@link #NONE} for a stack never written. */
        static StackMeta parse(String json) {
            if (json == null) return NONE;
            JsonNode o = StateJson.read(json, "stack record");
            return new StackMeta(o.path("lineage").asText(), o.path("serial").asLong());
        }

        String toJson() {
            ObjectNode o = StateJson.mapper().createObjectNode();
            o.put("lineage", lineage);
            o.put("serial", serial);
            return StateJson.write(o);
        }
    }
}
