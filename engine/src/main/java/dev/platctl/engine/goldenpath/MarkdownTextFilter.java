package dev.platctl.engine.goldenpath;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * {@code markdown}: a value as plain text in a Markdown file, so a description reads as the words it is. HTML's
 * {@code < > &} and every character that makes CommonMark or GitHub Flavored Markdown markup ({@code * _ ` [ ] \ ~ |
 * { }}, {@code $} of GitHub's math, and a {@code #}, {@code -}, {@code +}, {@code =}, {@code >}, {@code 1.}, tab or
 * space that would start a block) become character references, which every Markdown renderer shows as the character
 * and none reads as markup; so do the marks of the Python-Markdown extensions MkDocs sites and TechDocs commonly enable
 * ({@code :emoji:} and definition lists' {@code :}, {@code ==mark==}, {@code ^^insert^^}, {@code !!!} admonitions and
 * {@code ???} details at a line's start). A line ends at LF, CR or CRLF, as CommonMark says, and a space or tab before a
 * line's end is a reference too, so two of them make no hard line break. What GitHub adds to the page after rendering
 * ({@code :emoji:} shortcodes, {@code @} mentions, bare {@code www.} addresses made links) is not undone.
 */
final class MarkdownTextFilter implements Filter {
    @Override
    public String getName() {
        return "markdown";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return var == null ? "" : escape(var.toString());
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && (c == ' ' || c == '\t' || c == '#' || c == '-' || c == '+' || c == '!' || c == '?')) {
                reference(out, c);
                continue;
            }
            if (lineStart && Character.isDigit(c)) {
                int end = i;
                while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
                out.append(text, i, end);
                if (end < text.length() && (text.charAt(end) == '.' || text.charAt(end) == ')')) reference(out, text.charAt(end++));
                i = end - 1;
                lineStart = false;
                continue;
            }
            lineStart = c == '\n' || c == '\r';
            boolean beforeLineEnd = i + 1 == text.length() || text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r';
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '~', '|', '{', '}', '$', ':', '=', '^' -> reference(out, c);
                case ' ', '\t' -> {
                    if (beforeLineEnd) reference(out, c);
                    else out.append(c);
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void reference(StringBuilder out, char c) {
        out.append("&#").append((int) c).append(';');
    }
}
