package dev.platctl.engine.expr;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Functions encoding and hashing: jsonencode, jsondecode, yamlencode, base64encode, base64decode, sha256, md5. */
final class EncodingFunctions {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private EncodingFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                FunctionDef.of("jsonencode(value)", 1, 1, a -> new StringValue(json(a.get(0)))),
                FunctionDef.of("jsondecode(str)", 1, 1, EncodingFunctions::jsondecode),
                FunctionDef.of("yamlencode(value)", 1, 1, a -> new StringValue(YamlText.of(a.get(0)))),
                FunctionDef.of("base64encode(str)", 1, 1, a -> new StringValue(Base64.getEncoder()
                        .encodeToString(Args.string(a, 0, "str").getBytes(StandardCharsets.UTF_8)))),
                FunctionDef.of("base64decode(str)", 1, 1, EncodingFunctions::base64decode),
                FunctionDef.of("sha256(str)", 1, 1, a -> digest("SHA-256", Args.string(a, 0, "str"))),
                FunctionDef.of("md5(str)", 1, 1, a -> digest("MD5", Args.string(a, 0, "str"))));
    }

    static String json(Value v) {
        try {
            return JSON.writeValueAsString(ValueJson.toJson(v));
        } catch (JsonProcessingException e) {
            throw new FunctionException("cannot encode the value as JSON: " + e.getOriginalMessage());
        }
    }

    private static Value jsondecode(List<Value> a) {
        try {
            return ValueJson.fromJson(JSON.readTree(Args.string(a, 0, "str")));
        } catch (JsonProcessingException e) {
            throw new FunctionException("the string is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Value base64decode(List<Value> a) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Args.string(a, 0, "str"));
        } catch (IllegalArgumentException e) {
            throw new FunctionException("the string is not valid base64: " + e.getMessage());
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return new StringValue(decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new FunctionException("the decoded bytes are not valid UTF-8 text");
        }
    }

    private static Value digest(String algorithm, String s) {
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            return new StringValue(HexFormat.of().formatHex(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }
}
