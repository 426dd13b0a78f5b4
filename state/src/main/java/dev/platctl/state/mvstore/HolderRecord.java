package dev.platctl.state.mvstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.state.json.LockInfoJson;
import dev.platctl.state.json.StateJson;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the process holding a state file tells the others: who opened it and who holds which stack lock. It is
 * written into the lock file, so other processes can name the holder in their error.
 */
record HolderRecord(LockInfo opener, Map<String, LockInfo> stacks) {
    /** Shown when the holder's record cannot be read (it is being rewritten, or was written by something else). */
    static final LockInfo UNKNOWN = new LockInfo("unknown", "unknown", "another process", "this machine", -1,
            Instant.EPOCH);

    HolderRecord {
        stacks = Map.copyOf(stacks);
    }

    /** The lock that keeps {@code stack} (or, for a read of any stack, the file) from us. */
    LockInfo holderOf(String stack) {
        LockInfo own = stack == null ? null : stacks.get(stack);
        if (own != null) return own;
        return new TreeMap<>(stacks).values().stream().findFirst().orElse(opener);
    }

    /** The stack to name in a lock error when the caller asked for none in particular. */
    String stackShown(String asked) {
        if (asked != null) return asked;
        return new TreeMap<>(stacks).keySet().stream().findFirst().orElse("*");
    }

    String toJson() {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.set("opener", LockInfoJson.toJson(opener));
        ObjectNode s = o.putObject("stacks");
        new TreeMap<>(stacks).forEach((k, v) -> s.set(k, LockInfoJson.toJson(v)));
        return StateJson.write(o);
    }

    /** Empty when the text is not a complete record (for example while the holder rewrites it). */
    static Optional<HolderRecord> parse(String text) {
        try {
            JsonNode o = StateJson.mapper().readTree(text);
            if (o == null || !o.has("opener")) return Optional.empty();
            Map<String, LockInfo> stacks = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("stacks").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                stacks.put(e.getKey(), LockInfoJson.fromJson(e.getValue()));
            }
            return Optional.of(new HolderRecord(LockInfoJson.fromJson(o.get("opener")), stacks));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
