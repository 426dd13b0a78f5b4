package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtagCacheTest {
    static final String ACCEPT = GitHubClient.JSON_MEDIA_TYPE;
    static final String URL = "https://api.github.com/repos/acme/svc";

    @TempDir
    Path dir;
    final GitHubTesting.MovableClock clock = new GitHubTesting.MovableClock();

    private EtagCache cache(int maxEntries, long maxBytes) {
        return EtagCache.onDisk(dir, maxEntries, maxBytes, clock);
    }

    private EtagCache cache() {
        return cache(50, EtagCache.DEFAULT_MAX_BYTES);
    }

    private static EtagCache.Entry entry(String etag, String name) {
        return new EtagCache.Entry(etag, body(name), Optional.empty());
    }

    private static JsonNode body(String name) {
        return GitHubClient.json().createObjectNode().put("name", name);
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void anEntryOutlivesTheCacheThatWroteItWithItsNextPage() throws IOException {
        EtagCache.Entry page = new EtagCache.Entry("\"abc\"", body("svc"), Optional.of(URL + "?page=2"));
        cache().put(ACCEPT, URL, page);
        assertEquals(Optional.of(page), cache().get(ACCEPT, URL), "read back from disk by a new cache, as the next run does");
        assertEquals(1, files(".json").size());
    }

    @Test
    void theKeyIsTheRequestNotWhoAsks() {
        cache().put(ACCEPT, URL, entry("\"abc\"", "svc"));
        assertEquals(Optional.empty(), cache().get("application/vnd.github.raw+json", URL), "another media type is another answer");
        assertEquals(Optional.empty(), cache().get(ACCEPT, "https://github.example.com/api/v3/repos/acme/svc"), "and another server");
        assertEquals("\"abc\"", cache().get(ACCEPT, URL).orElseThrow().etag(), "no token is part of the key: the next token's answer replaces this one");
    }

    @Test
    void aCorruptOrTruncatedEntryIsAMissNotAnError() throws IOException {
        cache().put(ACCEPT, URL, entry("\"abc\"", "svc"));
        cache().put(ACCEPT, URL + "/topics", entry("\"def\"", "topics"));
        List<Path> f = files(".json");
        Files.writeString(f.get(0), "{\"key\": \"" + ACCEPT + " " + URL);
        Files.writeString(f.get(1), "not json at all");
        assertEquals(Optional.empty(), cache().get(ACCEPT, URL));
        assertEquals(Optional.empty(), cache().get(ACCEPT, URL + "/topics"));
        cache().put(ACCEPT, URL, entry("\"new\"", "svc"));
        assertEquals("\"new\"", cache().get(ACCEPT, URL).orElseThrow().etag(), "a corrupt entry is overwritten by the next answer");
    }

    @Test
    void theCacheKeepsAtMostItsBoundOfEntries() throws IOException {
        EtagCache c = cache(50, EtagCache.DEFAULT_MAX_BYTES);
        for (int i = 0; i < 120; i++) {
            clock.advance(Duration.ofSeconds(1));
            c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", "r" + i));
        }
        int n = files(".json").size();
        assertTrue(n <= 50 && n >= 45, "bounded to 50 entries, evicting down to nine tenths, got " + n);
    }

    @Test
    void theCacheKeepsAtMostItsBoundOfBytes() throws IOException {
        EtagCache c = cache(1000, 4000);
        String big = "x".repeat(300);
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(1));
            c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", big + i));
        }
        long bytes = 0;
        for (Path p : files(".json")) bytes += Files.size(p);
        assertTrue(bytes <= 4000 && bytes >= 3000, "bounded to 4000 bytes though far fewer than 1000 entries, got " + bytes);
        assertTrue(cache(1000, 4000).get(ACCEPT, URL + "/39").isPresent(), "the newest entry stays");
    }

    @Test
    void theLeastRecentlyUsedEntriesGoFirst() {
        EtagCache c = cache(10, EtagCache.DEFAULT_MAX_BYTES);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", "r" + i));
        }
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache(10, EtagCache.DEFAULT_MAX_BYTES).get(ACCEPT, URL + "/0").isPresent(), "a later run uses the oldest entry");
        clock.advance(Duration.ofSeconds(1));
        c.put(ACCEPT, URL + "/10", entry("\"10\"", "r10"));
        EtagCache after = cache(10, EtagCache.DEFAULT_MAX_BYTES);
        List<Integer> kept = IntStream.rangeClosed(0, 10).filter(i -> after.get(ACCEPT, URL + "/" + i).isPresent()).boxed().toList();
        assertEquals(List.of(0, 3, 4, 5, 6, 7, 8, 9, 10), kept, "the entry just used stays; the two least recently used go");
    }

    @Test
    void inMemoryTheLeastRecentlyUsedEntryGoesWhenTheEntryBoundIsReached() {
        EtagCache c = EtagCache.inMemory(3, EtagCache.MEMORY_MAX_BYTES);
        for (int i = 0; i < 3; i++) c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", "r" + i));
        assertTrue(c.get(ACCEPT, URL + "/0").isPresent());
        c.put(ACCEPT, URL + "/3", entry("\"3\"", "r3"));
        List<Integer> kept = IntStream.rangeClosed(0, 3).filter(i -> c.get(ACCEPT, URL + "/" + i).isPresent()).boxed().toList();
        assertEquals(List.of(0, 2, 3), kept, "the entry just used stays; the least recently used goes");
    }

    @Test
    void inMemoryEntriesAreBoundedByTheBytesOfTheirText() {
        EtagCache c = EtagCache.inMemory(1000, 2000);
        String big = "x".repeat(500);
        for (int i = 0; i < 10; i++) c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", big + i));
        assertTrue(c.bytesInMemory() <= 2000 && c.bytesInMemory() > 1000, "bounded to 2000 bytes, got " + c.bytesInMemory());
        List<Integer> kept = IntStream.range(0, 10).filter(i -> c.get(ACCEPT, URL + "/" + i).isPresent()).boxed().toList();
        assertEquals(List.of(7, 8, 9), kept, "the newest three, about 600 bytes each");
        c.put(ACCEPT, URL + "/9", entry("\"huge\"", "y".repeat(3000)));
        assertEquals(Optional.empty(), c.get(ACCEPT, URL + "/9"), "larger than the whole bound: not kept, and the older answer is gone");
        assertEquals(List.of(7, 8), IntStream.range(0, 10).filter(i -> c.get(ACCEPT, URL + "/" + i).isPresent()).boxed().toList());
    }

    @Test
    void aBodyTooBigForTheDiskIsHeldInMemoryOnlyWithinTheBound() throws IOException {
        EtagCache c = cache(1000, EtagCache.DEFAULT_MAX_BYTES);
        String big = "z".repeat(EtagCache.MAX_BODY_CHARS);
        c.put(ACCEPT, URL + "/tree", entry("\"tree\"", big));
        assertEquals(List.of(), files(".json"), "over 1 MB: not written to disk");
        assertTrue(c.get(ACCEPT, URL + "/tree").isPresent(), "but kept for this process");
        for (int i = 0; i < 40; i++) c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", big + i));
        assertTrue(c.bytesInMemory() <= EtagCache.MEMORY_MAX_BYTES, "at most " + EtagCache.MEMORY_MAX_BYTES + " bytes, got " + c.bytesInMemory());
        assertTrue(c.get(ACCEPT, URL + "/tree").isEmpty(), "not kept forever: the least recently used went");
    }

    @Test
    void aWriteThatFailsLeavesNoTemporaryFile() throws IOException {
        String hash = Sha256.hex(ACCEPT + " " + URL);
        Path blocker = dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2) + ".json");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep"), "a directory where the entry should go: the move fails");
        cache().put(ACCEPT, URL, entry("\"abc\"", "svc"));
        assertEquals(List.of(), files(".tmp"));
    }

    @Test
    void strayTemporaryFilesCountAgainstTheBoundAndAreDeleted() throws IOException {
        Path shard = Files.createDirectories(dir.resolve("00"));
        for (int i = 0; i < 5; i++) {
            Path stray = Files.writeString(shard.resolve("entry" + i + ".tmp"), "left by a run that died");
            Files.setLastModifiedTime(stray, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
        }
        Path young = Files.writeString(shard.resolve("entry-writing.tmp"), "another process writing now");
        Files.setLastModifiedTime(young, FileTime.from(clock.instant()));
        EtagCache c = cache(11, EtagCache.DEFAULT_MAX_BYTES);
        for (int i = 0; i < 5; i++) c.put(ACCEPT, URL + "/" + i, entry("\"" + i + "\"", "r" + i));
        assertEquals(6, files(".tmp").size(), "5 entries and 6 temporary files: within the bound of 11 files");
        c.put(ACCEPT, URL + "/5", entry("\"5\"", "r5"));
        assertEquals(List.of(young), files(".tmp"), "the 12th file evicts: the stray ones go, the young one may be another writer's");
        assertEquals(6, files(".json").size());
    }

    @Test
    void onlyTheOwnerMayReadTheCache() throws IOException {
        cache().put(ACCEPT, URL, entry("\"abc\"", "svc"));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix"))
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
