package dev.platctl.engine.address;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one resource instance across the workspace: {@code <request>.<type>.<name>[key]}, e.g.
 * {@code payments-db.aws_db_instance.this}. The text form is canonical:
 * {@code parse(a.toString()).equals(a)}.
 */
public record ResourceAddress(String request, String type, String name, InstanceKey key)
        implements Comparable<ResourceAddress> {

    /** Request names are DNS labels (like Kubernetes object names, without dots). */
    public static final Pattern REQUEST_NAME = Pattern.compile("[a-z0-9](?:[-a-z0-9]*[a-z0-9])?");
    public static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    public static final Pattern BLOCK_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern TEXT = Pattern.compile(
            "(" + REQUEST_NAME + ")\\.(" + TYPE_NAME + ")\\.(" + BLOCK_NAME + ")(?:\\[(?:(\\d+)|\"((?:[^\"\\\\]|\\\\.)*)\")\\])?");

    private static final Comparator<ResourceAddress> ORDER = Comparator.comparing(ResourceAddress::request)
            .thenComparing(ResourceAddress::type).thenComparing(ResourceAddress::name)
            .thenComparing(ResourceAddress::key, ResourceAddress::compareKeys);

    public ResourceAddress {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (!REQUEST_NAME.matcher(request).matches())
            throw new IllegalArgumentException("invalid request name '" + request + "' in resource address");
        if (!TYPE_NAME.matcher(type).matches())
            throw new IllegalArgumentException("invalid resource type '" + type + "' in resource address");
        if (!BLOCK_NAME.matcher(name).matches())
            throw new IllegalArgumentException("invalid resource name '" + name + "' in resource address");
    }

    public ResourceAddress(String request, String type, String name) {
        this(request, type, name, InstanceKey.NONE);
    }

    public static ResourceAddress parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches())
            throw new IllegalArgumentException("invalid resource address '" + text
                    + "': expected <request>.<type>.<name>, e.g. payments-db.aws_db_instance.this");
        InstanceKey key = InstanceKey.NONE;
        if (m.group(4) != null) key = new InstanceKey.IntKey(Integer.parseInt(m.group(4)));
        else if (m.group(5) != null) key = new InstanceKey.StringKey(m.group(5).replaceAll("\\\\(.)", "$1"));
        return new ResourceAddress(m.group(1), m.group(2), m.group(3), key);
    }

    /** The address within its module: {@code <type>.<name>[key]}. */
    public String local() {
        return type + "." + name + key;
    }

    /** No key first, then count indexes in numeric order (so [2] sorts before [10]), then for_each keys. */
    private static int compareKeys(InstanceKey x, InstanceKey y) {
        if (x instanceof InstanceKey.IntKey a && y instanceof InstanceKey.IntKey b) return Integer.compare(a.index(), b.index());
        if (x instanceof InstanceKey.StringKey a && y instanceof InstanceKey.StringKey b) return a.key().compareTo(b.key());
        return Integer.compare(rank(x), rank(y));
    }

    private static int rank(InstanceKey k) {
        return k instanceof InstanceKey.None ? 0 : k instanceof InstanceKey.IntKey ? 1 : 2;
    }

    @Override
    public int compareTo(ResourceAddress o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return request + "." + type + "." + name + key;
    }
}
