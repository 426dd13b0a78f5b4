package dev.platctl.state.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.state.crypto.KeyRing;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Moves the sensitive parts of a resource's stored attributes into a sealed tree and back. The sealed tree mirrors
 * the sensitive mark tree, with each marked value replaced by its sealed text (and by null in the plain attributes);
 * each value is bound to its stack, address and path, so a sealed value copied elsewhere does not open.
 */
final class SealedAttributes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final KeyRing keys;
    private final String stack;
    private final ResourceAddress address;

    SealedAttributes(KeyRing keys, String stack, ResourceAddress address) {
        this.keys = keys;
        this.stack = stack;
        this.address = address;
    }

    /** Seals every value {@code marks} marks, in place in {@code attrs}; returns the sealed tree. */
    JsonNode seal(ObjectNode attrs, JsonNode marks) {
        return seal(attrs, marks, "", v -> {
            throw new IllegalArgumentException("a resource's attributes as a whole cannot be sensitive");
        });
    }

    /** Puts every value of {@code sealed} back into {@code attrs}, opened. */
    void open(ObjectNode attrs, JsonNode sealed) {
        open((JsonNode) attrs, sealed, "");
    }

    private JsonNode seal(JsonNode plain, JsonNode marks, String path, Consumer<JsonNode> replace) {
        if (marks.isBoolean()) {
            replace.accept(F.nullNode());
            return F.textNode(keys.seal(StateJson.write(plain == null ? F.nullNode() : plain), place(path)));
        }
        if (marks.isArray()) {
            ArrayNode out = F.arrayNode();
            for (int i = 0; i < marks.size(); i++) {
                JsonNode m = marks.get(i);
                if (m.isBoolean() && !m.booleanValue()) {
                    out.addNull();
                    continue;
                }
                int index = i;
                out.add(seal(plain.get(i), m, path + "/" + i, v -> ((ArrayNode) plain).set(index, v)));
            }
            return out;
        }
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = marks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            out.set(k, seal(plain.get(k), e.getValue(), path + "/" + escape(k), v -> ((ObjectNode) plain).set(k, v)));
        }
        return out;
    }

    private void open(JsonNode plain, JsonNode sealed, String path) {
        if (plain == null || !plain.isContainerNode() || plain.isArray() != sealed.isArray())
            throw new IllegalArgumentException("its sealed values do not match its attributes at '" + path + "'");
        if (sealed.isArray()) {
            for (int i = 0; i < sealed.size() && i < plain.size(); i++) {
                JsonNode s = sealed.get(i);
                if (s.isNull()) continue;
                if (s.isTextual()) ((ArrayNode) plain).set(i, opened(s, path + "/" + i));
                else open(plain.get(i), s, path + "/" + i);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sealed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "/" + escape(e.getKey());
            if (e.getValue().isTextual()) ((ObjectNode) plain).set(e.getKey(), opened(e.getValue(), p));
            else open(plain.get(e.getKey()), e.getValue(), p);
        }
    }

    private JsonNode opened(JsonNode sealed, String path) {
        String what = "attribute " + path + " of " + address + " in stack '" + stack + "'";
        return StateJson.read(keys.open(sealed.textValue(), place(path), what), what);
    }

    /** The associated data a value is sealed with: where it lives. */
    private String place(String path) {
        return "platctl-state-v1\n" + stack + "\n" + address + "\n" + path;
    }

    /** JSON Pointer escaping, so that distinct paths never collide. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
