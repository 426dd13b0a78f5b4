package dev.platctl.state.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.AddressText;
import dev.platctl.state.json.ResourceStateJson;
import dev.platctl.state.json.StateJson;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes one stack's state object: {@code {"format":1,"stack":..,"lineage":..,"serial":..,"resources":{address:
 * resource}}}, each resource in the shared {@link ResourceStateJson} format (sensitive values sealed when a key is set).
 */
final class StackObject {
    static final int FORMAT = 1;

    private final ResourceStateJson codec;

    StackObject(ResourceStateJson codec) {
        this.codec = codec;
    }

    byte[] write(StackState s) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("format", FORMAT);
        o.put("stack", s.stack());
        o.put("lineage", s.lineage());
        o.put("serial", s.serial());
        ObjectNode resources = o.putObject("resources");
        for (ResourceState r : s.resources().values()) resources.set(r.address().toString(), codec.toJson(s.stack(), r));
        return StateJson.write(o).getBytes(StandardCharsets.UTF_8);
    }

    StackState read(String stack, byte[] bytes, String where) {
        JsonNode o = StateJson.read(new String(bytes, StandardCharsets.UTF_8), "state object " + where);
        if (o.path("format").asInt() != FORMAT)
            throw new StateStoreException("cannot read state object " + where + ": format " + o.path("format")
                    + " is not " + FORMAT + " (written by a newer platctl?)");
        if (!stack.equals(o.path("stack").asText()))
            throw new StateStoreException("cannot read state object " + where + ": it holds stack '"
                    + o.path("stack").asText() + "', not '" + stack + "'");
        Map<ResourceAddress, ResourceState> resources = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ResourceAddress address;
            try {
                address = AddressText.parse(e.getKey());
            } catch (IllegalArgumentException x) {
                throw new StateStoreException("cannot read state object " + where + ": " + x.getMessage(), x);
            }
            resources.put(address, codec.fromJson(stack, address, e.getValue()));
        }
        return new StackState(stack, o.path("lineage").asText(), o.path("serial").asLong(), resources);
    }
}
