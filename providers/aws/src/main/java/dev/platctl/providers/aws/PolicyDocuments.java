package dev.platctl.providers.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * IAM policy documents compared by meaning, not text: key order, white space, the order of list items
 * and a single item written with or without its list do not matter.
 */
final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** The parse error of a document that is not a JSON object, or empty when it is one. */
    static Optional<String> problem(String document) {
        try {
            JsonNode n = JSON.readTree(document);
            return n != null && n.isObject() ? Optional.empty() : Optional.of("it is not a JSON object");
        } catch (JsonProcessingException e) {
            return Optional.of(e.getOriginalMessage());
        }
    }

    static boolean equivalent(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return canonical(JSON.readTree(a)).equals(canonical(JSON.readTree(b)));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** IAM returns documents URL-encoded; the SDK does not decode them. */
    static String decode(String fromIam) {
        String t = fromIam.trim();
        return t.startsWith("{") ? t : URLDecoder.decode(t, StandardCharsets.UTF_8);
    }

    private static JsonNode canonical(JsonNode n) {
        if (n == null) return JsonNodeFactory.instance.nullNode();
        if (n.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            for (String name : names) out.set(name, canonical(n.get(name)));
            return out;
        }
        if (n.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) items.add(canonical(it.next()));
            if (items.size() == 1) return items.get(0);
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            items.forEach(out::add);
            return out;
        }
        if (n.isNumber() || n.isBoolean()) return JsonNodeFactory.instance.textNode(n.asText());
        return n;
    }
}
