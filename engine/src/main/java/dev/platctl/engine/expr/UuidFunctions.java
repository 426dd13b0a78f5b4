package dev.platctl.engine.expr;

import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The name-based UUID function uuidv5 (RFC 4122 section 4.3, SHA-1), with Terraform's namespace names. */
final class UuidFunctions {
    private static final Map<String, UUID> NAMESPACES = Map.of(
            "dns", UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
            "url", UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
            "oid", UUID.fromString("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
            "x500", UUID.fromString("6ba7b814-9dad-11d1-80b4-00c04fd430c8"));
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private UuidFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(FunctionDef.of("uuidv5(namespace, name)", 2, 2, a -> new StringValue(
                uuidv5(namespace(Args.string(a, 0, "namespace")), Args.string(a, 1, "name")).toString())));
    }

    static UUID uuidv5(UUID namespace, String name) {
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        byte[] hash;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ns.array());
            hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-1", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    private static UUID namespace(String text) {
        UUID known = NAMESPACES.get(text);
        if (known != null) return known;
        if (UUID_TEXT.matcher(text).matches()) return UUID.fromString(text);
        throw new FunctionException("namespace must be \"dns\", \"url\", \"oid\", \"x500\" or a UUID, got \""
                + text + "\"");
    }
}
