package dev.platctl.engine.goldenpath;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * {@code markdown}: a value as plain text in a Markdown file, so a description reads as the words it is on GitHub, in
 * MkDocs (Python-Markdown) and in TechDocs: HTML's {@code < > &} and every character that makes Markdown markup
 * ({@code * _ ` [ ] \ ~ | { }}, and a {@code #}, {@code -}, {@code +}, {@code =}, {@code >} or {@code 1.} that would
 * start a block) become character references, which every Markdown renderer shows as the character and none reads as
 * markup. So {@code <script>} is text, {@code [x](javascript:...)} is no link and {@code # Title} no heading.
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
            if (lineStart && (c == ' ' || c == '#' || c == '-' || c == '+' || c == '=')) {
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
            lineStart = c == '\n';
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '~', '|', '{', '}' -> reference(out, c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void reference(StringBuilder out, char c) {
        out.append("&#").append((int) c).append(';');
    }
}
