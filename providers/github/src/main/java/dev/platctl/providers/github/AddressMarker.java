package dev.platctl.providers.github;

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
        return "platctl-" + Sha256.hex(address).substring(0, 16);
    }

    static boolean isMarker(String topic) {
        return PATTERN.matcher(topic).matches();
    }
}
