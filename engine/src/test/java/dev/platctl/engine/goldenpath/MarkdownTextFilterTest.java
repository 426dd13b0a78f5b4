package dev.platctl.engine.goldenpath;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Document;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code markdown} filter's output, parsed by a real CommonMark parser with GitHub's table and strikethrough
 * extensions (commonmark-java), is paragraphs of exactly the text it was given: no heading, list, code, link, HTML,
 * emphasis, table or hard line break, whatever the text holds.
 */
class MarkdownTextFilterTest {
    private static final List<Extension> GFM = List.of(TablesExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(GFM).build();

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("HTML", "<script>alert(1)</script> & <b>co</b>"),
                Arguments.of("a link and an image", "[x](javascript:alert(1)) and ![i](http://x/y.png)"),
                Arguments.of("an autolink", "<https://evil.example> <a@b.c>"),
                Arguments.of("a heading", "# Not a heading"),
                Arguments.of("a setext heading", "Title\n====="),
                Arguments.of("a setext heading of dashes", "Title\n---"),
                Arguments.of("a list", "- one\n+ two\n* three"),
                Arguments.of("an ordered list", "2024. A year\n1) one"),
                Arguments.of("a block quote", "> quoted"),
                Arguments.of("a code block indented with spaces", "    code()"),
                Arguments.of("a code block indented with a tab", "\tcode()"),
                Arguments.of("a fence", "```\ncode\n```\n~~~\nmore\n~~~"),
                Arguments.of("emphasis, code, strikethrough", "*bold* _it_ `code` ~~x~~ a|b {attr} \\"),
                Arguments.of("a table", "a | b\n--|--\n1 | 2"),
                Arguments.of("a thematic break", "***\n___"),
                Arguments.of("a link reference definition", "[a]: https://x.example\n[a]"),
                Arguments.of("entities", "&copy; &#42; &amp;"),
                Arguments.of("a hard line break from two trailing spaces", "one  \ntwo"),
                Arguments.of("a hard line break from a backslash", "one\\\ntwo"),
                Arguments.of("a trailing tab", "one\t\ntwo"),
                Arguments.of("a lone CR starts a line, as CommonMark says", "text\r# heading\r- item"),
                Arguments.of("CRLF", "text\r\n# heading\r\n    code"),
                Arguments.of("GitHub math", "costs $5 and $x^2$ and $$y$$"),
                Arguments.of("MkDocs marks", "==mark== ^^ins^^ ^sup^ :smile: {++add++}\n!!! note\n??? tip\n: definition"),
                Arguments.of("plain words", "Takes and tracks customer orders."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void rendersAsTheTextItWasGiven(String reason, String text) {
        assertRendersAsText(text, reason);
    }

    /** Random texts over markup characters, line breaks and spaces: a seeded generator, so a failure repeats. */
    @Test
    void randomTextsOfMarkupCharactersRenderAsThemselves() {
        String alphabet = "ab1 \t\n\r#-+=*_`[]()<>!&;\\|~{}:$^.)'\"@/?%é";
        Random random = new Random(20261207);
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int i = 0; i < length; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            assertRendersAsText(text.toString(), "random text " + n);
        }
    }

    @Test
    void theMarksThatAreNotCommonMarksAreCharacterReferences() {
        assertEquals("costs &#36;5, &#58;smile&#58;, &#61;&#61;mark&#61;&#61;, &#94;&#94;ins&#94;&#94;", MarkdownTextFilter.escape("costs $5, :smile:, ==mark==, ^^ins^^"),
                "GitHub's math, MkDocs' emoji, mark and caret: what a CommonMark parser does not read but GitHub or TechDocs do");
        assertEquals("&#33;&#33;&#33;&#32;note\n&#63;&#63;&#63;&#32;tip", MarkdownTextFilter.escape("!!! note\n??? tip"), "admonitions and details start at a line's start");
    }

    private static void assertRendersAsText(String text, String reason) {
        String escaped = MarkdownTextFilter.escape(text);
        Node doc = PARSER.parse(escaped);
        List<String> paragraphs = new ArrayList<>();
        for (Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            assertTrue(block instanceof Paragraph, reason + ": " + show(text) + " escaped as " + show(escaped) + " renders a " + block);
            StringBuilder shown = new StringBuilder();
            for (Node inline = block.getFirstChild(); inline != null; inline = inline.getNext()) {
                if (inline instanceof Text t) shown.append(t.getLiteral());
                else if (inline instanceof SoftLineBreak) shown.append('\n');
                else throw new AssertionError(reason + ": " + show(text) + " escaped as " + show(escaped) + " renders a " + inline);
            }
            paragraphs.add(shown.toString());
        }
        assertTrue(doc instanceof Document);
        assertEquals(paragraphsOf(text), paragraphs, reason + ": " + show(text) + " escaped as " + show(escaped));
    }

    /** What the text shows as: its lines (at LF, CR or CRLF), paragraphs split at blank lines. */
    private static List<String> paragraphsOf(String text) {
        List<String> out = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (!lines.isEmpty()) out.add(String.join("\n", lines));
                lines.clear();
            } else lines.add(line);
        }
        if (!lines.isEmpty()) out.add(String.join("\n", lines));
        return out;
    }

    private static String show(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }
}
