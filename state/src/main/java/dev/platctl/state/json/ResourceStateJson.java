package dev.platctl.state.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores one resource as a compact JSON object keyed elsewhere by its address: status, idempotency key, module,
 * dependencies, plain attributes, and the sensitive and unknown mark trees (omitted when empty).
 */
public final class ResourceStateJson {
    private ResourceStateJson() {
    }

    public static ObjectNode toJson(ResourceState r) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("status", r.status().name());
        o.put("key", r.idempotencyKey());
        if (!r.module().isEmpty()) o.put("module", r.module());
        if (!r.dependencies().isEmpty()) {
            ArrayNode deps = o.putArray("deps");
            r.dependencies().forEach(d -> deps.add(d.toString()));
        }
        o.set("attrs", ValueJson.toJson(r.attributes()));
        JsonNode sensitive = ValueJson.sensitiveTree(r.attributes());
        if (!sensitive.isBoolean()) o.set("sensitive", sensitive);
        JsonNode unknown = ValueJson.unknownTree(r.attributes());
        if (!unknown.isBoolean()) o.set("unknown", unknown);
        return o;
    }

    public static String write(ResourceState r) {
        return StateJson.write(toJson(r));
    }

    public static ResourceState fromJson(ResourceAddress address, JsonNode o) {
        try {
            List<ResourceAddress> deps = new ArrayList<>();
            JsonNode d = o.get("deps");
            if (d != null) for (JsonNode x : d) deps.add(AddressText.parse(x.asText()));
            Value attrs = ValueJson.fromJson(o.get("attrs"), o.get("unknown"), o.get("sensitive"));
            if (!(attrs instanceof ObjectValue obj))
                throw new IllegalArgumentException("attributes are " + attrs.typeName() + ", not an object");
            return new ResourceState(address, ResourceStatus.valueOf(StateJson.text(o, "status")), obj, deps,
                    StateJson.text(o, "key"), StateJson.text(o, "module"));
        } catch (IllegalArgumentException e) {
            throw new StateStoreException("cannot read resource " + address + " from state: " + e.getMessage(), e);
        }
    }

    public static ResourceState read(ResourceAddress address, String json) {
        return fromJson(address, StateJson.read(json, "resource " + address));
    }
}
