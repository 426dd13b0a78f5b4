package dev.platctl.providers.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The topic platctl stamps on a repository it creates, {@code platctl-} and 16 hex digits of the SHA-256 of the
 * platctl address: topics are what GitHub's REST API returns with every repository and accept only
 * {@code [a-z0-9-]}, so the address itself cannot be one. Hidden from the {@code topics} attribute.
 */
final class AddressMarker {
    static final Pattern PATTERN = Pattern.compile("platctl-[0-9a-f]{16}");

    private AddressMarker() {
    }

    static String topic(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return "platctl-" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static boolean isMarker(String topic) {
        return PATTERN.matcher(topic).matches();
    }
}
