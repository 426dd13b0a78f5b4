package dev.platctl.engine.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 fingerprints of what the engine read, in one place: of a text, and of a set of files by their paths. Line
 * endings of text files are normalised (CRLF is hashed as LF) so a Windows checkout with {@code core.autocrlf} hashes
 * as a Unix one: a plan saved in one applies in the other, and a published module's checksum holds in both. A file
 * with a NUL byte is binary (git's rule) and hashed as it is.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** The hex SHA-256 of {@code text} (UTF-8). */
    public static String of(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hex SHA-256 over {@code files} in path order: each path, NUL, its content (line endings normalised), NUL. */
    public static String ofFiles(Map<String, byte[]> files) {
        MessageDigest md = sha256();
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(normalised(f.getValue()));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** As {@link #ofFiles}, for files read as text. */
    public static String ofTexts(Map<String, String> files) {
        Map<String, byte[]> bytes = new TreeMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return ofFiles(bytes);
    }

    /** The content as it is hashed: a text file's CRLF line endings as LF; a binary file (one with a NUL byte) unchanged. */
    static byte[] normalised(byte[] content) {
        boolean crlf = false;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) return content;
            if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') crlf = true;
        }
        if (!crlf) return content;
        byte[] out = new byte[content.length];
        int n = 0;
        for (int i = 0; i < content.length; i++)
            if (content[i] != '\r' || i + 1 >= content.length || content[i + 1] != '\n') out[n++] = content[i];
        return java.util.Arrays.copyOf(out, n);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
