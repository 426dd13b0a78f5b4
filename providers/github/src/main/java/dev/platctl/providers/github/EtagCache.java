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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The validators of conditional GETs (an ETag, the body it stands for and the next page's URL), kept for later runs so
 * that a new plan's refresh of an unchanged object is answered 304, which costs no rate limit. On disk each entry is one
 * JSON file named by the SHA-256 of the request: the Accept header and the URL (base URL, path with the owner, query).
 *
 * <p>Entries are not keyed by who asks, so a rotated token (an Actions {@code GITHUB_TOKEN} per job, an App's hourly
 * installation token) finds the entries of the one before. That is safe because GitHub decides every conditional
 * request for the caller making it: it answers 304 only when the answer it would give this caller now carries the same
 * ETag, that is the same body; a caller that may not see the object gets its 404, and one that sees it otherwise (other
 * permissions) gets a 200 of its own. A cached body is never shown to a caller GitHub would not show it to.
 *
 * <p>At most {@code maxEntries} files and {@code maxBytes} bytes are kept, the least recently used (by the modification
 * time a hit refreshes, from the injected clock) going first; a file that cannot be read or parsed is a miss; a
 * temporary file left by a write that died is counted and deleted with the next eviction.
 */
final class EtagCache {
    /** A cached answer: its ETag, its body, and the {@code rel="next"} page it linked to. */
    record Entry(String etag, JsonNode body, Optional<String> next) {
    }

    /** Bodies larger than this are not written to disk (a recursive tree of a big repository, say). */
    static final int MAX_BODY_CHARS = 1 << 20;
    static final int DEFAULT_MAX_ENTRIES = 10_000;
    static final long DEFAULT_MAX_BYTES = 100L << 20;
    /** A temporary file older than this belongs to no write in progress. */
    static final Duration STRAY_AFTER = Duration.ofHours(1);

    /** A file of the cache as listed once for an eviction. */
    private record Stored(Path path, Instant modified, long size, boolean temporary) {
    }

    private final Optional<Path> dir;
    private final int maxEntries;
    private final long maxBytes;
    private final Clock clock;
    private final Map<String, Entry> memory = new ConcurrentHashMap<>();
    private final Object usage = new Object();
    /** Files and bytes on disk as this process counts them; -1 until the folder was first scanned. */
    private int files = -1;
    private long bytes;
    private volatile boolean restricted;

    private EtagCache(Optional<Path> dir, int maxEntries, long maxBytes, Clock clock) {
        this.dir = dir;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** A cache that lives as long as the process. */
    static EtagCache inMemory() {
        return new EtagCache(Optional.empty(), 0, 0, Clock.systemUTC());
    }

    /** A cache in {@code dir}, bounded by entries and by bytes. */
    static EtagCache onDisk(Path dir, int maxEntries, long maxBytes, Clock clock) {
        return new EtagCache(Optional.of(dir), maxEntries, maxBytes, clock);
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
            Entry found = new Entry(stored.path("etag").asText(), stored.path("body"),
                    stored.path("next").isTextual() ? Optional.of(stored.path("next").asText()) : Optional.empty());
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
        entry.next().ifPresent(n -> stored.put("next", n));
        stored.set("body", entry.body());
        String text = stored.toString();
        if (text.length() > MAX_BODY_CHARS) return;
        Path file = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            if (!restricted) {
                restrict(dir.get());
                restricted = true;
            }
            long replaced = Files.exists(file) ? Files.size(file) : -1;
            tmp = Files.createTempFile(file.getParent(), "entry", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(tmp, FileTime.from(clock.instant()));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            long size = text.getBytes(StandardCharsets.UTF_8).length;
            if (overBounds(replaced < 0 ? 1 : 0, size - Math.max(replaced, 0))) evict();
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only costs the next run its 304s
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // counted as a stray temporary file and deleted by a later eviction
                }
            }
        }
    }

    private Path file(String key) {
        String hash = Sha256.hex(key);
        return dir.orElseThrow().resolve(hash.substring(0, 2)).resolve(hash.substring(2) + ".json");
    }

    /** Counts a write's change in files and bytes; says whether the cache is now over either bound. */
    private boolean overBounds(int newFiles, long newBytes) throws IOException {
        synchronized (usage) {
            if (files < 0) {
                List<Stored> all = list();
                files = all.size();
                bytes = all.stream().mapToLong(Stored::size).sum();
            } else {
                files += newFiles;
                bytes += newBytes;
            }
            return files > maxEntries || bytes > maxBytes;
        }
    }

    /**
     * Deletes stray temporary files, then the least recently used entries until at most nine tenths of each bound is
     * used, so that evictions are rare. Each file's time and size are read once, before sorting.
     */
    private synchronized void evict() throws IOException {
        Instant strayBefore = clock.instant().minus(STRAY_AFTER);
        List<Stored> kept = new ArrayList<>();
        for (Stored s : list()) {
            if (s.temporary() && s.modified().isBefore(strayBefore)) Files.deleteIfExists(s.path());
            else kept.add(s);
        }
        kept.sort(Comparator.comparing(Stored::modified));
        int count = kept.size();
        long total = kept.stream().mapToLong(Stored::size).sum();
        int targetCount = maxEntries - maxEntries / 10;
        long targetBytes = maxBytes - maxBytes / 10;
        for (Stored s : kept) {
            if (count <= targetCount && total <= targetBytes) break;
            if (s.temporary()) continue;
            Files.deleteIfExists(s.path());
            count--;
            total -= s.size();
        }
        synchronized (usage) {
            files = count;
            bytes = total;
        }
    }

    /** Every entry and temporary file, with the time and size read once. */
    private List<Stored> list() throws IOException {
        if (!Files.isDirectory(dir.orElseThrow())) return List.of();
        List<Stored> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir.get(), 2)) {
            for (Path p : walk.toList()) {
                String name = p.getFileName().toString();
                boolean temporary = name.endsWith(".tmp");
                if (!temporary && !name.endsWith(".json")) continue;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) out.add(new Stored(p, a.lastModifiedTime().toInstant(), a.size(), temporary));
                } catch (IOException gone) {
                    // deleted meanwhile (another process's eviction)
                }
            }
        }
        return out;
    }

    /** Owner-only access where the file system has POSIX permissions: the bodies may hold private repositories' files. */
    private static void restrict(Path d) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    }
}
