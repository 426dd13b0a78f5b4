package dev.platctl.state.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.platctl.engine.state.StateStoreException;

/** The one JSON mapper the state codecs use: compact output, numbers kept exact. */
public final class StateJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private StateJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("cannot write state record as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses one stored record; {@code what} names it for the error message. */
    public static JsonNode read(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("cannot read " + what + ": stored record is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
