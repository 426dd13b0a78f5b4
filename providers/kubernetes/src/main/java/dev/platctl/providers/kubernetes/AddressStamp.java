package dev.platctl.providers.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The platctl address stamped on every object platctl creates, so a create that was in flight when
 * platctl died can be found again: the label {@value #KEY} (the address itself when it is a valid label
 * value, otherwise a readable prefix and a hash) to select by, and the annotation {@value #KEY} with the
 * exact address to confirm.
 */
final class AddressStamp {
    static final String KEY = "platctl.dev/address";
    private static final int MAX_LABEL = 63;
    private static final Pattern VALID = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern INVALID_CHARS = Pattern.compile("[^-A-Za-z0-9_.]+");

    private AddressStamp() {
    }

    static String labelValue(String address) {
        if (address.length() <= MAX_LABEL && VALID.matcher(address).matches()) return address;
        String hash = HexFormat.of().formatHex(sha256(address)).substring(0, 16);
        String readable = INVALID_CHARS.matcher(address).replaceAll("_");
        readable = readable.substring(0, Math.min(readable.length(), MAX_LABEL - hash.length() - 1));
        readable = readable.replaceAll("^[^A-Za-z0-9]+", "");
        return readable.isEmpty() ? hash : readable + "-" + hash;
    }

    /** The object with the stamp added to its labels and annotations. */
    static Map<String, Object> stamp(Map<String, Object> object, String address) {
        Map<String, Object> out = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>(Manifests.metadata(object));
        Map<String, Object> labels = new LinkedHashMap<>(Manifests.labels(object));
        Map<String, Object> annotations = new LinkedHashMap<>(Manifests.annotations(object));
        labels.put(KEY, labelValue(address));
        annotations.put(KEY, address);
        metadata.put("labels", labels);
        metadata.put("annotations", annotations);
        out.put("metadata", metadata);
        return out;
    }

    /** The exact address stamped on a live object, or empty when platctl did not create it. */
    static String of(Map<String, Object> object) {
        return Manifests.string(Manifests.annotations(object), KEY).orElse("");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
