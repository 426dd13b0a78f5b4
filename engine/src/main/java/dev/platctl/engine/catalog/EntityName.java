package dev.platctl.engine.catalog;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The catalog name of a resource's entity: {@code <request>} for the module's main resource ({@code this}),
 * {@code <request>-<resource>[-<key>]} for any other, so the name does not change when the request gains or loses a
 * resource. Names are made to pass {@link dev.platctl.engine.entity.EntityRef#nameProblem}: characters Backstage does not allow become
 * {@code -}, runs of {@code -} one, the ends a letter or digit, and a name longer than 63 characters is cut and ends
 * with a hash of the address, so two long names stay apart.
 */
final class EntityName {
    static final int MAX = 63;
    private static final int HASH = 8;

    private EntityName() {
    }

    /** The entity name of the resource at {@code a}; {@code bare} false when the request's own name is taken (by its component). */
    static String of(ResourceAddress a, boolean bare) {
        String key = a.key() instanceof InstanceKey.IntKey i ? "-" + i.index() : a.key() instanceof InstanceKey.StringKey s ? "-" + s.key() : "";
        String local = bare && a.name().equals("this") ? key : "-" + a.name() + key;
        return fit(a.request() + local, a.toString());
    }

    /** {@code name} ending in {@code -<hash of seed>}: the way out when {@code name} is someone else's. */
    static String withSuffix(String name, String seed) {
        String base = cut(clean(name), MAX - HASH - 1);
        return base + "-" + hash(seed);
    }

    private static String fit(String name, String seed) {
        String clean = clean(name);
        return clean.length() <= MAX ? clean : withSuffix(clean, seed);
    }

    private static String clean(String name) {
        String s = name.replaceAll("[^-A-Za-z0-9_.]", "-").replaceAll("-{2,}", "-");
        s = s.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return s.isEmpty() ? "resource" : s;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).replaceAll("[^A-Za-z0-9]+$", "");
    }

    private static String hash(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8))).substring(0, HASH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
