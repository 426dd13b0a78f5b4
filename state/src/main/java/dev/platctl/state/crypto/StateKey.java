package dev.platctl.state.crypto;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One AES-256 key for sensitive attributes, with a short public id (a hash of the key) stored beside each sealed
 * value so that a wrong key is recognised as such. {@code source} says where the key came from, for messages.
 */
public final class StateKey {
    public static final int BYTES = 32;

    private final SecretKey key;
    private final String id;
    private final String source;

    private StateKey(byte[] bytes, String source) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = idOf(bytes);
        this.source = source;
    }

    /**
     * Decodes a base64 key of 32 bytes.
     *
     * @return empty when {@code base64} is not base64 of exactly 32 bytes
     */
    public static Optional<StateKey> decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return bytes.length == BYTES ? Optional.of(new StateKey(bytes, source)) : Optional.empty();
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    SecretKey secret() {
        return key;
    }

    private static String idOf(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("platctl state key id\n".getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "key " + id + " from " + source;
    }
}
