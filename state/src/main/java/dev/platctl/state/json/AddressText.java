package dev.platctl.state.json;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the canonical text form of a resource address as stored in state. It does not use
 * {@link ResourceAddress#parse}, whose group numbering is shifted by the capturing group inside
 * {@link ResourceAddress#REQUEST_NAME}, so that stored state stays readable whatever that method does.
 */
public final class AddressText {
    private static final Pattern TEXT = Pattern.compile(
            "(?<request>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\.(?<type>[a-z][a-z0-9_]*)\\.(?<name>[A-Za-z_][A-Za-z0-9_-]*)"
                    + "(?:\\[(?:(?<index>\\d+)|\"(?<key>(?:[^\"\\\\]|\\\\.)*)\")\\])?");

    private AddressText() {
    }

    public static ResourceAddress parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches())
            throw new IllegalArgumentException("invalid resource address '" + text
                    + "': expected <request>.<type>.<name>, e.g. payments-db.aws_db_instance.this");
        InstanceKey key = InstanceKey.NONE;
        if (m.group("index") != null) key = new InstanceKey.IntKey(Integer.parseInt(m.group("index")));
        else if (m.group("key") != null) key = new InstanceKey.StringKey(m.group("key").replaceAll("\\\\(.)", "$1"));
        return new ResourceAddress(m.group("request"), m.group("type"), m.group("name"), key);
    }
}
