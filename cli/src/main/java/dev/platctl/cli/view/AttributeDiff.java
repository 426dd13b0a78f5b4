package dev.platctl.cli.view;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders the attribute-level difference between two values of a resource as marked, indented lines:
 * {@code +} added, {@code -} removed, {@code ~} changed, unchanged attributes counted but hidden.
 */
final class AttributeDiff {
    private static final int NEST = 4;

    private final Ansi ansi;
    private final Set<AttributePath> replacePaths;

    AttributeDiff(Ansi ansi, Set<AttributePath> replacePaths) {
        this.ansi = ansi;
        this.replacePaths = replacePaths;
    }

    /** The entries of a resource body, markers at column {@code indent}. */
    List<DiffLine> body(Value before, Value after, int indent) {
        List<DiffLine> out = new ArrayList<>();
        objectEntries(indent, asObject(before), asObject(after), AttributePath.ROOT, "attribute", out);
        return out;
    }

    private static ObjectValue asObject(Value v) {
        return v instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    }

    private void objectEntries(int indent, ObjectValue before, ObjectValue after, AttributePath path, String noun,
                               List<DiffLine> out) {
        TreeSet<String> keys = new TreeSet<>(before.attributes().keySet());
        keys.addAll(after.attributes().keySet());
        List<String> shown = new ArrayList<>();
        int hidden = 0;
        for (String k : keys) {
            Value b = before.getOrNull(k), a = after.getOrNull(k);
            if (b.isNull() && a.isNull()) continue;
            if (b.equals(a)) hidden++;
            else shown.add(k);
        }
        int width = shown.stream().mapToInt(k -> ValueFormatter.key(k).length()).max().orElse(0);
        for (String k : shown) {
            Value b = before.getOrNull(k), a = after.getOrNull(k);
            entry(indent, label(k, width), SensitiveMarks.alike(b, a), SensitiveMarks.alike(a, b), path.key(k), false,
                    out);
        }
        hidden(indent, hidden, noun, out);
    }

    /**
     * Lists are compared by longest common subsequence; a run of removed elements followed by added ones
     * is paired up where both sides are objects (or both lists), so that a changed element shows as one
     * nested {@code ~} diff instead of a removal and an addition.
     */
    private void listEntries(int indent, ListValue before, ListValue after, AttributePath path, List<DiffLine> out) {
        List<SequenceDiff.Edit<Value>> edits = SequenceDiff.of(before.items(), after.items());
        int hidden = 0, bi = 0, ai = 0, i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == SequenceDiff.Op.KEEP) {
                hidden++;
                bi++;
                ai++;
                i++;
                continue;
            }
            hidden = hidden(indent, hidden, "element", out);
            int deletes = i;
            while (deletes < edits.size() && edits.get(deletes).op() == SequenceDiff.Op.DELETE) deletes++;
            int inserts = deletes;
            while (inserts < edits.size() && edits.get(inserts).op() == SequenceDiff.Op.INSERT) inserts++;
            int removed = deletes - i, added = inserts - deletes;
            for (int k = 0; k < Math.max(removed, added); k++) {
                Value b = k < removed ? edits.get(i + k).element() : null;
                Value a = k < added ? edits.get(deletes + k).element() : null;
                if (b != null && a != null && sameContainer(b, a)) {
                    entry(indent, "", b, a, path.index(ai + k), true, out);
                    continue;
                }
                if (b != null) listElement(indent, "-", b, path.index(bi + k), out);
                if (a != null) listElement(indent, "+", a, path.index(ai + k), out);
            }
            bi += removed;
            ai += added;
            i = inserts;
        }
        hidden(indent, hidden, "element", out);
    }

    private static boolean sameContainer(Value b, Value a) {
        return b instanceof ObjectValue && a instanceof ObjectValue || b instanceof ListValue && a instanceof ListValue;
    }

    private void listElement(int indent, String mark, Value v, AttributePath path, List<DiffLine> out) {
        int first = out.size();
        value(indent, mark, mark, "", v, out);
        finish(first, path, true, out);
    }

    /** Writes the hidden-count line when there is something to count; returns the new count, zero. */
    private int hidden(int indent, int count, String noun, List<DiffLine> out) {
        if (count > 0)
            out.add(new DiffLine(indent + 2, "", ansi.dim("# (" + count + " unchanged " + noun
                    + (count == 1 ? "" : "s") + " hidden)")));
        return 0;
    }

    private void entry(int indent, String label, Value b, Value a, AttributePath path, boolean inList,
                       List<DiffLine> out) {
        int first = out.size();
        if (b.isNull()) {
            value(indent, "+", "+", label, a, out);
        } else if (a.isNull()) {
            value(indent, "-", "-", label, b, out);
            if (!inList) suffixLast(out, " -> null");
        } else if (b instanceof SensitiveValue || a instanceof SensitiveValue) {
            out.add(new DiffLine(indent, "~", label + ValueFormatter.SENSITIVE));
        } else if (b instanceof ObjectValue bo && a instanceof ObjectValue ao) {
            out.add(new DiffLine(indent, "~", label + "{"));
            objectEntries(indent + NEST, bo, ao, path, "element", out);
            out.add(new DiffLine(indent + 2, "", "}"));
        } else if (b instanceof ListValue bl && a instanceof ListValue al) {
            out.add(new DiffLine(indent, "~", label + "["));
            listEntries(indent + NEST, bl, al, path, out);
            out.add(new DiffLine(indent + 2, "", "]"));
        } else if (b instanceof StringValue bs && a instanceof StringValue as
                && (ValueFormatter.isMultiLine(b) || ValueFormatter.isMultiLine(a))) {
            out.add(new DiffLine(indent, "~", label + "<<-EOT"));
            for (SequenceDiff.Edit<String> e : SequenceDiff.of(lines(bs.value()), lines(as.value()))) {
                switch (e.op()) {
                    case KEEP -> out.add(new DiffLine(indent + NEST + 2, "", e.element()));
                    case DELETE -> out.add(new DiffLine(indent + NEST, "-", e.element()));
                    case INSERT -> out.add(new DiffLine(indent + NEST, "+", e.element()));
                }
            }
            out.add(new DiffLine(indent + 2, "", "EOT"));
        } else {
            value(indent, "~", "-", label, b, out);
            List<DiffLine> after = new ArrayList<>();
            value(indent, "", "+", "", a, after);
            suffixLast(out, " -> " + after.get(0).text());
            out.addAll(after.subList(1, after.size()));
        }
        finish(first, path, inList, out);
    }

    private void finish(int first, AttributePath path, boolean inList, List<DiffLine> out) {
        if (inList) suffixLast(out, ",");
        if (replacePaths.contains(path)) {
            DiffLine l = out.get(first);
            out.set(first, new DiffLine(l.indent(), l.mark(), l.text() + ansi.red(" # forces replacement")));
        }
    }

    /** Writes a whole value: its first line carries {@code mark} and {@code label}, nested lines {@code childMark}. */
    private void value(int indent, String mark, String childMark, String label, Value v, List<DiffLine> out) {
        if (v instanceof SensitiveValue || v instanceof UnknownValue) {
            out.add(new DiffLine(indent, mark, label + ValueFormatter.inline(v)));
        } else if (v instanceof ObjectValue o && !o.attributes().isEmpty()) {
            out.add(new DiffLine(indent, mark, label + "{"));
            List<String> keys = o.attributes().entrySet().stream()
                    .filter(e -> !e.getValue().isNull()).map(Map.Entry::getKey).toList();
            int width = keys.stream().mapToInt(k -> ValueFormatter.key(k).length()).max().orElse(0);
            for (String k : keys)
                value(indent + NEST, childMark, childMark, label(k, width), o.attributes().get(k), out);
            out.add(new DiffLine(indent + 2, "", "}"));
        } else if (v instanceof ListValue l && !l.items().isEmpty()) {
            out.add(new DiffLine(indent, mark, label + "["));
            for (Value item : l.items()) {
                value(indent + NEST, childMark, childMark, "", item, out);
                suffixLast(out, ",");
            }
            out.add(new DiffLine(indent + 2, "", "]"));
        } else if (v instanceof StringValue s && ValueFormatter.isMultiLine(v)) {
            out.add(new DiffLine(indent, mark, label + "<<-EOT"));
            for (String line : lines(s.value())) out.add(new DiffLine(indent + NEST + 2, "", line));
            out.add(new DiffLine(indent + 2, "", "EOT"));
        } else {
            out.add(new DiffLine(indent, mark, label + ValueFormatter.inline(v)));
        }
    }

    private static String label(String key, int width) {
        String k = ValueFormatter.key(key);
        return k + " ".repeat(width - k.length()) + " = ";
    }

    private static void suffixLast(List<DiffLine> out, String suffix) {
        DiffLine l = out.get(out.size() - 1);
        out.set(out.size() - 1, new DiffLine(l.indent(), l.mark(), l.text() + suffix));
    }

    /** A heredoc's lines: the final newline ends the last line rather than starting an empty one. */
    private static List<String> lines(String s) {
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return List.of(body.split("\n", -1));
    }
}
