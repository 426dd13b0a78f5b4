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
import dev.platctl.state.crypto.KeyRing;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores one resource as a compact JSON object keyed elsewhere by its address: status, idempotency key, module,
 * dependencies, plain attributes, and the sensitive and unknown mark trees (omitted when empty). When the key ring
 * seals, sensitive values are kept only encrypted, in a {@code sealed} tree.
 */
public final class ResourceStateJson {
    /** Keeps sensitive values in plain text (no key configured). */
    public static final ResourceStateJson PLAIN = new ResourceStateJson(KeyRing.NONE);

    private final KeyRing keys;

    public ResourceStateJson(KeyRing keys) {
        this.keys = keys;
    }

    public KeyRing keys() {
        return keys;
    }

    public ObjectNode toJson(String stack, ResourceState r) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("status", r.status().name());
        o.put("key", r.idempotencyKey());
        if (!r.module().isEmpty()) o.put("module", r.module());
        if (!r.dependencies().isEmpty()) {
            ArrayNode deps = o.putArray("deps");
            r.dependencies().forEach(d -> deps.add(d.toString()));
        }
        ObjectNode attrs = (ObjectNode) ValueJson.toJson(r.attributes());
        o.set("attrs", attrs);
        JsonNode sensitive = ValueJson.sensitiveTree(r.attributes());
        if (!sensitive.isBoolean()) {
            o.set("sensitive", sensitive);
            if (keys.seals()) o.set("sealed", new SealedAttributes(keys, stack, r.address()).seal(attrs, sensitive));
        }
        JsonNode unknown = ValueJson.unknownTree(r.attributes());
        if (!unknown.isBoolean()) o.set("unknown", unknown);
        return o;
    }

    public String write(String stack, ResourceState r) {
        return StateJson.write(toJson(stack, r));
    }

    /** @throws StateStoreException when it cannot be read, or its sealed values cannot be opened with this ring */
    public ResourceState fromJson(String stack, ResourceAddress address, JsonNode o) {
        try {
            JsonNode sealed = o.get("sealed");
            if (sealed != null && o.get("attrs") instanceof ObjectNode plain)
                new SealedAttributes(keys, stack, address).open(plain, sealed);
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

    public ResourceState read(String stack, ResourceAddress address, String json) {
        return fromJson(stack, address, StateJson.read(json, "resource " + address));
    }
}
