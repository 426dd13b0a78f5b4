package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtagCacheTest {
    static final String ACCEPT = GitHubClient.JSON_MEDIA_TYPE;
    static final String URL = "https://api.github.com/repos/acme/svc";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private EtagCache cache(String token) {
        return EtagCache.onDisk(dir, EtagCache.identity("token", token), 50, CLOCK);
    }

    private static JsonNode body(String name) {
        return GitHubClient.json().createObjectNode().put("name", name);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    @Test
    void anEntryOutlivesTheCacheThatWroteItAndHoldsNoToken() throws IOException {
        cache("ghp_secret1").put(ACCEPT, URL, new EtagCache.Entry("\"abc\"", body("svc")));
        assertEquals(Optional.of(new EtagCache.Entry("\"abc\"", body("svc"))), cache("ghp_secret1").get(ACCEPT, URL));
        assertEquals(1, files().size());
        for (Path f : files()) assertFalse(Files.readString(f).contains("ghp_secret1"), f::toString);
        assertFalse(files().get(0).toString().contains("ghp_secret1"));
    }

    @Test
    void anotherTokenDoesNotSeeTheEntriesOfTheFirst() {
        cache("ghp_secret1").put(ACCEPT, URL, new EtagCache.Entry("\"abc\"", body("private")));
        assertEquals(Optional.empty(), cache("ghp_other").get(ACCEPT, URL), "answers depend on who asks");
        assertEquals(Optional.empty(), cache("ghp_secret1").get("application/vnd.github.raw+json", URL), "and on the media type");
    }

    @Test
    void aCorruptOrTruncatedEntryIsAMissNotAnError() throws IOException {
        cache("t").put(ACCEPT, URL, new EtagCache.Entry("\"abc\"", body("svc")));
        cache("t").put(ACCEPT, URL + "/topics", new EtagCache.Entry("\"def\"", body("topics")));
        List<Path> f = files();
        Files.writeString(f.get(0), "{\"key\": \"" + ACCEPT + " " + URL);
        Files.writeString(f.get(1), "not json at all");
        assertEquals(Optional.empty(), cache("t").get(ACCEPT, URL));
        assertEquals(Optional.empty(), cache("t").get(ACCEPT, URL + "/topics"));
        EtagCache again = cache("t");
        again.put(ACCEPT, URL, new EtagCache.Entry("\"new\"", body("svc")));
        assertEquals("\"new\"", cache("t").get(ACCEPT, URL).orElseThrow().etag(), "a corrupt entry is overwritten by the next answer");
    }

    @Test
    void theCacheKeepsAtMostItsBoundOfEntries() throws IOException {
        EtagCache c = cache("t");
        for (int i = 0; i < 120; i++) c.put(ACCEPT, URL + "/" + i, new EtagCache.Entry("\"" + i + "\"", body("r" + i)));
        int n = files().size();
        assertTrue(n <= 50 && n >= 40, "bounded to 50 entries, the least recently used tenth dropped at a time, got " + n);
    }

    @Test
    void onlyTheOwnerMayReadTheCache() throws IOException {
        cache("t").put(ACCEPT, URL, new EtagCache.Entry("\"abc\"", body("svc")));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix"))
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
