package dev.platctl.engine.catalog;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ContentHash;

import java.util.regex.Pattern;

/**
 * The catalog name of a resource's entity, made from its own address and nothing else, so no other resource, request
 * or order of listing changes it: {@code <request>} for a module's main resource ({@code this}, without a key),
 * {@code <request>.<resource>[.<key>]} for any other ({@code orders-api.assets}, {@code orders-data.jobs.3}). A request
 * name and a resource name hold no {@code .}, so the dots say where each part ends and two addresses of different
 * requests, or of different resource names, never make one name. Where the text is not already a name Backstage
 * accepts as it is ({@link #PLAIN}: lower-case, because Backstage compares names without case, ends a letter or digit,
 * at most 63 characters) or its key is digits only (which would read as the count index {@code [3]}), the name is the
 * cleaned text, cut to fit, ending in {@code -} and 8 hex digits of the address's hash.
 */
final class EntityName {
    static final int MAX = 63;
    private static final int HASH = 8;
    /** A name that is its text as it is. */
    private static final Pattern PLAIN = Pattern.compile("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$");

    private EntityName() {
    }

    /** The entity name of the resource at {@code a}; {@code bare} false when the request's own name is taken (by its component). */
    static String of(ResourceAddress a, boolean bare) {
        if (bare && a.name().equals("this") && a.key() instanceof InstanceKey.None) return a.request();
        return fit(a.request() + "." + a.name() + key(a), a);
    }

    /**
     * The name by the whole address, {@code <request>.<type>.<resource>[.<key>]}: for resources of one request whose
     * short names are one (a bucket and a queue both named {@code jobs}, or two main resources).
     */
    static String full(ResourceAddress a) {
        return fit(a.request() + "." + a.type() + "." + a.name() + key(a), a);
    }

    /** {@code name} cleaned, cut to fit and ending in {@code -} and {@code length} hex digits of the hash of {@code seed} (an address). */
    static String hashed(String name, String seed, int length) {
        String base = cut(clean(name), MAX - length - 1);
        return base + "-" + ContentHash.of(seed).substring(0, length);
    }

    private static String key(ResourceAddress a) {
        return a.key() instanceof InstanceKey.IntKey i ? "." + i.index() : a.key() instanceof InstanceKey.StringKey s ? "." + s.key() : "";
    }

    private static String fit(String text, ResourceAddress a) {
        boolean digitsKey = a.key() instanceof InstanceKey.StringKey s && s.key().chars().allMatch(Character::isDigit);
        return text.length() <= MAX && PLAIN.matcher(text).matches() && !digitsKey ? text : hashed(text, a.toString(), HASH);
    }

    private static String clean(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^-a-z0-9_.]", "-").replaceAll("-{2,}", "-");
        s = s.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        return s.isEmpty() ? "resource" : s;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).replaceAll("[^a-z0-9]+$", "");
    }
}
