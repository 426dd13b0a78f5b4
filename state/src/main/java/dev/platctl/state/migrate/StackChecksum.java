package dev.platctl.state.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.StackState;
import dev.platctl.state.json.HistoryEntryJson;
import dev.platctl.state.json.ResourceStateJson;
import dev.platctl.state.json.StateJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of a stack's canonical JSON (name, lineage, serial, resources in address order with their values
 * decrypted, history in order): equal exactly when two stores hold the same stack, whatever their encryption.
 */
public final class StackChecksum {
    private StackChecksum() {
    }

    public static String of(StackState stack, List<HistoryEntry> history) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("stack", stack.stack());
        o.put("lineage", stack.lineage());
        o.put("serial", stack.serial());
        ObjectNode resources = o.putObject("resources");
        stack.resources().forEach((a, r) -> resources.set(a.toString(), ResourceStateJson.PLAIN.toJson(stack.stack(), r)));
        ArrayNode h = o.putArray("history");
        for (HistoryEntry e : history) h.add(StateJson.read(HistoryEntryJson.write(e), "history record"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(StateJson.write(o).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
