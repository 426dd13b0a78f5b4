package dev.platctl.state.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.StateStoreException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stores one history record as JSON. */
public final class HistoryEntryJson {
    private HistoryEntryJson() {
    }

    public static String write(HistoryEntry h) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("serial", h.serial());
        o.put("at", h.at().toString());
        o.put("who", h.who());
        o.put("operation", h.operation());
        o.put("planHash", h.planHash());
        ArrayNode changes = o.putArray("changes");
        for (HistoryEntry.Change c : h.changes()) {
            ObjectNode x = changes.addObject();
            x.put("address", c.address());
            x.put("action", c.action());
            x.put("outcome", c.outcome());
            if (!c.error().isEmpty()) x.put("error", c.error());
        }
        return StateJson.write(o);
    }

    public static HistoryEntry read(String json) {
        JsonNode o = StateJson.read(json, "history record");
        try {
            List<HistoryEntry.Change> changes = new ArrayList<>();
            for (JsonNode x : o.path("changes"))
                changes.add(new HistoryEntry.Change(StateJson.text(x, "address"), StateJson.text(x, "action"),
                        StateJson.text(x, "outcome"), StateJson.text(x, "error")));
            return new HistoryEntry(o.path("serial").asLong(), Instant.parse(StateJson.text(o, "at")),
                    StateJson.text(o, "who"), StateJson.text(o, "operation"), StateJson.text(o, "planHash"), changes);
        } catch (DateTimeException e) {
            throw new StateStoreException("cannot read history record: " + e.getMessage(), e);
        }
    }
}
