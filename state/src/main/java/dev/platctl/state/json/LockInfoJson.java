package dev.platctl.state.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.state.LockInfo;

import java.time.Instant;

/** Writes a lock holder's details as JSON, for lock rows, lock objects and holder files. */
public final class LockInfoJson {
    private LockInfoJson() {
    }

    public static ObjectNode toJson(LockInfo l) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("id", l.id());
        o.put("operation", l.operation());
        o.put("who", l.who());
        o.put("host", l.host());
        o.put("pid", l.pid());
        o.put("since", l.since().toString());
        return o;
    }

    /** @throws java.time.DateTimeException or NullPointerException when the record is incomplete */
    public static LockInfo fromJson(JsonNode o) {
        return new LockInfo(o.get("id").asText(), o.get("operation").asText(), o.get("who").asText(),
                o.get("host").asText(), o.get("pid").asLong(), Instant.parse(o.get("since").asText()));
    }
}
