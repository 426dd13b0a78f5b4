package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.StringValue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns template parts into an expression: removes heredoc indentation ({@code <<-}), applies {@code ~}
 * strip markers, decodes escapes, and nests {@code %{if}} / {@code %{for}} directives.
 */
final class TemplateBuilder {
    private final String file;
    private final Diagnostics diags;
    private final boolean quoted;
    private final boolean flush;
    private List<TemplatePart> parts;
    private int index;

    TemplateBuilder(String file, Diagnostics diags, boolean quoted, boolean flush) {
        this.file = file;
        this.diags = diags;
        this.quoted = quoted;
        this.flush = flush;
    }

    Expression build(List<TemplatePart> written, SourceRange range) {
        this.parts = written;
        if (flush) removeIndentation();
        applyStripMarkers();
        index = 0;
        List<Expression> seq = sequence(Set.of());
        if (seq.size() == 1 && written.size() == 1 && written.get(0) instanceof TemplatePart.Interp i) {
            return new Expression.TemplateWrap(i.expr(), range);
        }
        return template(seq, range);
    }

    private void removeIndentation() {
        int min = Integer.MAX_VALUE;
        List<TemplatePart.Lit> adjust = new ArrayList<>();
        boolean lineStart = true;
        for (TemplatePart p : parts) {
            if (lineStart) {
                if (p instanceof TemplatePart.Lit lit) {
                    int spaces = leadingSpaces(lit.text);
                    boolean blank = spaces == lit.text.codePointCount(0, lit.text.length()) && lit.text.endsWith("\n");
                    if (!blank) {
                        min = Math.min(min, spaces);
                        adjust.add(lit);
                    }
                } else {
                    min = 0;
                }
            }
            lineStart = p instanceof TemplatePart.Lit lit && lit.text.endsWith("\n");
        }
        if (min == Integer.MAX_VALUE || min == 0) return;
        for (TemplatePart.Lit lit : adjust) lit.text = lit.text.substring(lit.text.offsetByCodePoints(0, min));
    }

    private static int leadingSpaces(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) break;
            n++;
            i += Character.charCount(cp);
        }
        return n;
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private void applyStripMarkers() {
        for (int i = 0; i < parts.size(); i++) {
            TemplatePart p = parts.get(i);
            boolean before = p instanceof TemplatePart.Interp in ? in.stripBefore()
                    : p instanceof TemplatePart.Directive d && d.stripBefore();
            boolean after = p instanceof TemplatePart.Interp in ? in.stripAfter()
                    : p instanceof TemplatePart.Directive d && d.stripAfter();
            if (before && i > 0 && parts.get(i - 1) instanceof TemplatePart.Lit lit) lit.text = lit.text.stripTrailing();
            if (after && i + 1 < parts.size() && parts.get(i + 1) instanceof TemplatePart.Lit lit) {
                lit.text = lit.text.stripLeading();
            }
        }
    }

    /** Parts up to (not including) a directive whose keyword is in {@code stop}, or to the end. */
    private List<Expression> sequence(Set<String> stop) {
        List<Expression> out = new ArrayList<>();
        while (index < parts.size()) {
            TemplatePart p = parts.get(index);
            if (p instanceof TemplatePart.Lit lit) {
                index++;
                out.add(new Expression.Literal(new StringValue(decode(lit)), lit.range()));
            } else if (p instanceof TemplatePart.Interp in) {
                index++;
                out.add(in.expr());
            } else {
                TemplatePart.Directive d = (TemplatePart.Directive) p;
                if (stop.contains(d.keyword())) return out;
                index++;
                switch (d.keyword()) {
                    case "if" -> out.add(ifDirective(d));
                    case "for" -> out.add(forDirective(d));
                    default -> diags.error("Unexpected " + d.keyword() + " directive", "There is no matching "
                            + ("else".equals(d.keyword()) || "endif".equals(d.keyword()) ? "%{if}" : "%{for}")
                            + " directive before this one.", d.range());
                }
            }
        }
        return out;
    }

    private Expression ifDirective(TemplatePart.Directive d) {
        SourceRange thenStart = d.range();
        List<Expression> whenTrue = sequence(Set.of("else", "endif"));
        List<Expression> whenFalse = List.of();
        SourceRange elseRange = thenStart;
        Optional<TemplatePart.Directive> end = closing("endif", d);
        if (end.isPresent() && end.get().keyword().equals("else")) {
            elseRange = end.get().range();
            whenFalse = sequence(Set.of("endif"));
            end = closing("endif", d);
        }
        SourceRange all = new SourceRange(file, d.range().start(), end.orElse(d).range().end());
        return new Expression.Conditional(d.expr().orElseThrow(), template(whenTrue, thenStart),
                template(whenFalse, elseRange), all);
    }

    private Expression forDirective(TemplatePart.Directive d) {
        List<Expression> body = sequence(Set.of("endfor"));
        Optional<TemplatePart.Directive> end = closing("endfor", d);
        SourceRange all = new SourceRange(file, d.range().start(), end.orElse(d).range().end());
        return new Expression.For(d.keyVar(), d.valueVar(), d.expr().orElseThrow(), Optional.empty(),
                template(body, d.range()), Optional.empty(), false, all);
    }

    /** Consumes the directive that ends {@code open}'s section, or reports that there is none. */
    private Optional<TemplatePart.Directive> closing(String keyword, TemplatePart.Directive open) {
        if (index < parts.size() && parts.get(index) instanceof TemplatePart.Directive d) {
            index++;
            return Optional.of(d);
        }
        diags.error("Unterminated template directive", "The %{" + open.keyword() + "} directive has no matching %{"
                + keyword + "} before the end of the template.", open.range());
        return Optional.empty();
    }

    private Expression template(List<Expression> seq, SourceRange range) {
        List<Expression> merged = new ArrayList<>();
        for (Expression e : seq) {
            int last = merged.size() - 1;
            if (e instanceof Expression.Literal lit && lit.value() instanceof StringValue s && last >= 0
                    && merged.get(last) instanceof Expression.Literal prev && prev.value() instanceof StringValue p) {
                String joined = p.value() + s.value();
                merged.set(last, new Expression.Literal(new StringValue(joined), prev.range().to(lit.range())));
            } else {
                merged.add(e);
            }
        }
        if (merged.isEmpty()) return new Expression.Literal(new StringValue(""), range);
        if (merged.size() == 1 && merged.get(0) instanceof Expression.Literal lit && lit.value() instanceof StringValue) {
            return new Expression.Literal(lit.value(), range);
        }
        return new Expression.Template(merged, range);
    }

    private String decode(TemplatePart.Lit lit) {
        String s = lit.text;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '$' || c == '%') && i + 2 < s.length() && s.charAt(i + 1) == c && s.charAt(i + 2) == '{') {
                sb.append(c).append('{');
                i += 2;
            } else if (c == '\\' && quoted) {
                i = escape(s, i, sb, lit);
            } else {
                sb.append(c);
            }
        }
        String out = sb.toString();
        return Normalizer.isNormalized(out, Normalizer.Form.NFC) ? out : Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Decodes the escape starting at {@code s[i]} (a backslash) and returns the index of its last character. */
    private int escape(String s, int i, StringBuilder sb, TemplatePart.Lit lit) {
        char e = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        switch (e) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case 'u', 'U' -> {
                int len = e == 'u' ? 4 : 8;
                int cp = hex(s, i + 2, len);
                if (cp < 0 || !Character.isValidCodePoint(cp)) {
                    invalidEscape(lit, i, Math.min(s.length(), i + 2 + len), "The \\" + e + " escape needs exactly "
                            + len + " hexadecimal digits naming a Unicode character.");
                    return Math.min(s.length(), i + 2 + len) - 1;
                }
                sb.appendCodePoint(cp);
                return i + 1 + len;
            }
            default -> {
                invalidEscape(lit, i, Math.min(s.length(), i + 2), "The symbol \"" + (e == 0 ? "" : String.valueOf(e))
                        + "\" is not a valid escape sequence selector.");
                return i + 1;
            }
        }
        return i + 1;
    }

    private static int hex(String s, int from, int len) {
        if (from + len > s.length()) return -1;
        int v = 0;
        for (int k = from; k < from + len; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    private void invalidEscape(TemplatePart.Lit lit, int from, int to, String detail) {
        SourcePos base = lit.token.start();
        String raw = lit.token.text();
        int shift = raw.length() - lit.text.length();
        int a = Math.max(0, from + shift);
        int b = Math.max(a, to + shift);
        SourcePos start = new SourcePos(base.line(), base.column() + raw.codePointCount(0, a), base.offset() + a);
        SourcePos end = new SourcePos(base.line(), base.column() + raw.codePointCount(0, b), base.offset() + b);
        diags.error("Invalid escape sequence", detail, new SourceRange(file, start, end));
    }
}
