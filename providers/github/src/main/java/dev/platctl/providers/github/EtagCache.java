package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The validators of conditional GETs (an ETag and the body it stands for), kept for later runs so that a new plan's
 * refresh of an unchanged object is answered 304, which costs no rate limit. On disk each entry is one JSON file named
 * by the SHA-256 of the caller's identity (a hash, never a token), the Accept header and the URL; a file that cannot be
 * read or parsed is a miss. At most {@code maxEntries} files are kept, the least recently used going first.
 */
final class EtagCache {
    /** A cached answer: its ETag and its body. */
    record Entry(String etag, JsonNode body) {
    }

    /** Bodies larger than this are not written to disk (a recursive tree of a big repository, say). */
    static final int MAX_BODY_CHARS = 1 << 20;
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final Optional<Path> dir;
    private final String identity;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> memory = new ConcurrentHashMap<>();
    private final AtomicInteger files = new AtomicInteger(-1);
    private volatile boolean restricted;

    private EtagCache(Optional<Path> dir, String identity, int maxEntries, Clock clock) {
        this.dir = dir;
        this.identity = identity;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** A cache that lives as long as the process. */
    static EtagCache inMemory() {
        return new EtagCache(Optional.empty(), "", 0, Clock.systemUTC());
    }

    /** A cache in {@code dir} for the caller {@code identity} (see {@link #identity}). */
    static EtagCache onDisk(Path dir, String identity, int maxEntries, Clock clock) {
        return new EtagCache(Optional.of(dir), identity, maxEntries, clock);
    }

    /** Who is asking, for keys: answers differ by who asks (private repositories), and GitHub varies its ETags on it. */
    static String identity(String kind, String secretOrName) {
        return kind + ":" + sha256(kind + "\n" + secretOrName).substring(0, 32);
    }

    Optional<Entry> get(String accept, String url) {
        String key = accept + " " + url;
        Entry e = memory.get(key);
        if (e != null || dir.isEmpty()) return Optional.ofNullable(e);
        Path file = file(key);
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            JsonNode stored = GitHubClient.json().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!stored.path("key").asText().equals(key) || !stored.path("etag").isTextual() || !stored.has("body"))
                return Optional.empty();
            Entry found = new Entry(stored.path("etag").asText(), stored.path("body"));
            memory.put(key, found);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return Optional.of(found);
        } catch (IOException | RuntimeException e2) {
            return Optional.empty();
        }
    }

    void put(String accept, String url, Entry entry) {
        String key = accept + " " + url;
        memory.put(key, entry);
        if (dir.isEmpty()) return;
        ObjectNode stored = GitHubClient.json().createObjectNode().put("key", key).put("etag", entry.etag());
        stored.set("body", entry.body());
        String text = stored.toString();
        if (text.length() > MAX_BODY_CHARS) return;
        Path file = file(key);
        try {
            boolean isNew = !Files.exists(file);
            Files.createDirectories(file.getParent());
            if (!restricted) {
                restrict(dir.get());
                restricted = true;
            }
            Path tmp = Files.createTempFile(file.getParent(), "entry", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (isNew && count() > maxEntries) evict();
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next run its 304s
        }
    }

    private Path file(String key) {
        String hash = sha256(identity + "\n" + key);
        return dir.orElseThrow().resolve(hash.substring(0, 2)).resolve(hash.substring(2) + ".json");
    }

    private int count() throws IOException {
        if (files.get() < 0) {
            try (Stream<Path> all = entries()) {
                files.compareAndSet(-1, (int) all.count());
            }
            return files.get();
        }
        return files.incrementAndGet();
    }

    /** Deletes the least recently used tenth of the entries (by the modification time a hit refreshes). */
    private synchronized void evict() throws IOException {
        List<Path> all;
        try (Stream<Path> s = entries()) {
            all = s.sorted(Comparator.comparing(EtagCache::modified)).toList();
        }
        int drop = Math.max(all.size() - maxEntries, 0) + maxEntries / 10;
        for (Path p : all.subList(0, Math.min(drop, all.size()))) Files.deleteIfExists(p);
        files.set(all.size() - Math.min(drop, all.size()));
    }

    private Stream<Path> entries() throws IOException {
        if (!Files.isDirectory(dir.orElseThrow())) return Stream.empty();
        return Files.walk(dir.get(), 2).filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Owner-only access where the file system has POSIX permissions: the bodies may hold private repositories' files. */
    private static void restrict(Path d) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
