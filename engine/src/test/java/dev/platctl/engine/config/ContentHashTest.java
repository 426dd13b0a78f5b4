package dev.platctl.engine.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the engine's one content hash treats as the same file: CRLF and LF in text, never in binary content. */
class ContentHashTest {
    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("CRLF line endings hash as LF (a Windows checkout with core.autocrlf)", "a\r\nb\r\n", "a\nb\n", true),
                Arguments.of("a lone CR is content, not a line ending git would convert", "a\rb\n", "a\nb\n", false),
                Arguments.of("a file with a NUL byte is binary and hashed as it is", "\0a\r\nb", "\0a\nb", false),
                Arguments.of("a changed character still changes the hash", "a\r\nb\r\n", "a\nc\n", false),
                Arguments.of("a CR at the very end stays", "a\r", "a", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void textFilesHashTheSameWhateverTheirLineEndings(String reason, String one, String other, boolean same) {
        String a = ContentHash.ofFiles(Map.of("skeleton/README.md", one.getBytes(StandardCharsets.UTF_8)));
        String b = ContentHash.ofFiles(Map.of("skeleton/README.md", other.getBytes(StandardCharsets.UTF_8)));
        assertEquals(same, a.equals(b), reason);
        assertEquals(same, ContentHash.ofTexts(Map.of("x", one)).equals(ContentHash.ofTexts(Map.of("x", other))), reason + " (as text)");
    }
}
