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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The validators of conditional GETs (an ETag, the body it stands for and the next page's URL), kept for later runs so
 * that a new plan's refresh of an unchanged object is answered 304, which costs no rate limit. On disk each entry is one
 * JSON file named by the SHA-256 of the request: the Accept header and the URL (base URL, path with the owner, query).
 *
 * <p>GitHub's ETags are specific to the token that asked (its support confirmed it, eclipse-csi/otterdog#201; also
 * github/docs#34689): a 304 comes only to the token whose answer stored the entry. So across runs the cache saves rate
 * limit only for a token kept between them (a personal access token, classic or fine-grained); a token new in every
 * run (Actions' {@code GITHUB_TOKEN}, an App's installation token) gets a full answer for its first read of each object,
 * as it would without the cache, and 304s only within its own life. Entries are not keyed by the token: the newest
 * token's answer replaces the entry in place, so a rotated token leaves no dead entries behind, where a key per token
 * would keep a copy of every entry per rotation until evicted. A cached body is never shown to another token: only the
 * token that got it is answered 304 for its ETag.
 *
 * <p>At most {@code maxEntries} files and {@code maxBytes} bytes are kept on disk, the least recently used (by the
 * modification time a hit refreshes, from the injected clock) going first; a file that cannot be read or parsed is a
 * miss; a temporary file left by a write that died is counted and deleted with the next eviction. In memory the process
 * keeps at most as many entries and {@link #MEMORY_MAX_BYTES} of their JSON text, the least recently used going first;
 * a body too large for the disk lives only there, within the same bound, and one larger than the bound is not kept.
 */
final class EtagCache {
    /** A cached answer: its ETag, its body, and the {@code rel="next"} page it linked to. */
    record Entry(String etag, JsonNode body, Optional<String> next) {
    }

    /** Bodies larger than this are not written to disk (a recursive tree of a big repository, say). */
    static final int MAX_BODY_CHARS = 1 << 20;
    static final int DEFAULT_MAX_ENTRIES = 10_000;
    static final long DEFAULT_MAX_BYTES = 100L << 20;
    /** The most a process keeps in memory, counted as the entries' JSON text (a parsed body takes a few times more heap). */
    static final long MEMORY_MAX_BYTES = 32L << 20;
    /** A temporary file older than this belongs to no write in progress. */
    static final Duration STRAY_AFTER = Duration.ofHours(1);

    /** A file of the cache as listed once for an eviction. */
    private record Stored(Path path, Instant modified, long size, boolean temporary) {
    }

    /** An entry kept in memory, with the bytes of its JSON text. */
    private record Held(Entry entry, long size) {
    }

    private final Optional<Path> dir;
    private final int maxEntries;
    private final long maxBytes;
    private final int memoryMaxEntries;
    private final long memoryMaxBytes;
    private final Clock clock;
    /** This process's entries, the least recently used first; guarded by itself. */
    private final LinkedHashMap<String, Held> memory = new LinkedHashMap<>(16, 0.75f, true);
    private long memoryBytes;
    private final Object usage = new Object();
    /** Files and bytes on disk as this process counts them; -1 until the folder was first scanned. */
    private int files = -1;
    private long bytes;
    private volatile boolean restricted;

    private EtagCache(Optional<Path> dir, int maxEntries, long maxBytes, int memoryMaxEntries, long memoryMaxBytes, Clock clock) {
        this.dir = dir;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.memoryMaxEntries = memoryMaxEntries;
        this.memoryMaxBytes = memoryMaxBytes;
        this.clock = clock;
    }

    /** A cache that lives as long as the process, within the default bounds. */
    static EtagCache inMemory() {
        return inMemory(DEFAULT_MAX_ENTRIES, MEMORY_MAX_BYTES);
    }

    /** A cache that lives as long as the process: at most {@code maxEntries} entries and {@code maxBytes} bytes. */
    static EtagCache inMemory(int maxEntries, long maxBytes) {
        return new EtagCache(Optional.empty(), 0, 0, maxEntries, maxBytes, Clock.systemUTC());
    }

    /** A cache in {@code dir}, bounded by entries and by bytes; what it holds in memory is bounded by the same, at most the defaults. */
    static EtagCache onDisk(Path dir, int maxEntries, long maxBytes, Clock clock) {
        return new EtagCache(Optional.of(dir), maxEntries, maxBytes, Math.min(maxEntries, DEFAULT_MAX_ENTRIES),
                Math.min(maxBytes, MEMORY_MAX_BYTES), clock);
    }

    Optional<Entry> get(String accept, String url) {
        String key = accept + " " + url;
        Held held;
        synchronized (memory) {
            held = memory.get(key);
        }
        if (held != null || dir.isEmpty()) return Optional.ofNullable(held).map(Held::entry);
        Path file = file(key);
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            byte[] raw = Files.readAllBytes(file);
            JsonNode stored = GitHubClient.json().readTree(raw);
            if (!stored.path("key").asText().equals(key) || !stored.path("etag").isTextual() || !stored.has("body"))
                return Optional.empty();
            Entry found = new Entry(stored.path("etag").asText(), stored.path("body"),
                    stored.path("next").isTextual() ? Optional.of(stored.path("next").asText()) : Optional.empty());
            remember(key, found, raw.length);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return Optional.of(found);
        } catch (IOException | RuntimeException e2) {
            return Optional.empty();
        }
    }

    void put(String accept, String url, Entry entry) {
        String key = accept + " " + url;
        ObjectNode stored = GitHubClient.json().createObjectNode().put("key", key).put("etag", entry.etag());
        entry.next().ifPresent(n -> stored.put("next", n));
        stored.set("body", entry.body());
        String text = stored.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        remember(key, entry, bytes.length);
        if (dir.isEmpty() || text.length() > MAX_BODY_CHARS) return;
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
            Files.write(tmp, bytes);
            Files.setLastModifiedTime(tmp, FileTime.from(clock.instant()));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            if (overBounds(replaced < 0 ? 1 : 0, bytes.length - Math.max(replaced, 0))) evict();
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

    /**
     * Keeps an entry in memory as the most recently used, then drops the least recently used ones until the memory
     * bounds hold; an entry larger than the whole byte bound is not kept (and replaces nothing: the older one goes too).
     */
    private void remember(String key, Entry entry, long size) {
        synchronized (memory) {
            Held old = memory.remove(key);
            if (old != null) memoryBytes -= old.size();
            if (size > memoryMaxBytes) return;
            memory.put(key, new Held(entry, size));
            memoryBytes += size;
            Iterator<Held> eldest = memory.values().iterator();
            while ((memory.size() > memoryMaxEntries || memoryBytes > memoryMaxBytes) && eldest.hasNext()) {
                memoryBytes -= eldest.next().size();
                eldest.remove();
            }
        }
    }

    /** Entries held in memory (for tests). */
    int entriesInMemory() {
        synchronized (memory) {
            return memory.size();
        }
    }

    /** Bytes held in memory, as the entries' JSON text (for tests). */
    long bytesInMemory() {
        synchronized (memory) {
            return memoryBytes;
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
