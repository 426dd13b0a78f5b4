package dev.platctl.engine.policy.gatekeeper;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Writes a constraint's parameters (YAML read as JSON nodes) as a CEL literal: maps, lists, strings, numbers, bools, null. */
final class CelLiteral {
    private CelLiteral() {
    }

    static String of(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "null";
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(string(e.getKey())).append(": ").append(of(e.getValue()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < n.size(); i++) sb.append(i == 0 ? "" : ", ").append(of(n.get(i)));
            return sb.append(']').toString();
        }
        if (n.isBoolean()) return Boolean.toString(n.booleanValue());
        if (n.isIntegralNumber()) return n.bigIntegerValue().toString();
        if (n.isNumber()) return n.decimalValue().toPlainString() + (n.decimalValue().scale() <= 0 ? ".0" : "");
        return string(n.asText());
    }

    /** A single-quoted CEL string. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('\'').toString();
    }
}
