package dev.platctl.providers.github;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Git's three-way line merge of one file for a template upgrade: base is the template's render platctl last delivered,
 * ours the file on the team's branch now, theirs the new template's render (null: the file is absent). Overlapping
 * edits are not merged: the outcome says where they are, so a person can merge them by hand.
 */
final class ThreeWayMerge {
    /** Lines of each side a conflict hint shows before it cuts. */
    static final int HINT_LINES = 8;

    /** What merging one file gives. */
    sealed interface Outcome permits Merged, Conflict {
    }

    /** A merge without overlapping edits; {@code content} null means the file is to be deleted. */
    record Merged(String content) implements Outcome {
    }

    /** Edits that overlap, or a deletion against a change: {@code reason} in a few words, {@code hint} the overlapping lines as a diff3-style excerpt (may be empty). */
    record Conflict(String reason, String hint) implements Outcome {
        Conflict {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(hint, "hint");
        }
    }

    private ThreeWayMerge() {
    }

    /**
     * Merges the team's and the template's changes since {@code base}; {@code oursName} and {@code theirsName} label
     * the sides in a conflict hint (the branch, the template version).
     */
    static Outcome merge(String base, String ours, String theirs, String oursName, String theirsName) {
        if (Objects.equals(ours, theirs) || Objects.equals(ours, base)) return new Merged(theirs);
        if (Objects.equals(theirs, base)) return new Merged(ours);
        if (ours == null) return new Conflict("deleted on " + oursName + ", changed by " + theirsName, "");
        if (theirs == null) return new Conflict("changed on " + oursName + ", removed by " + theirsName, "");
        byte[] oursBytes = ours.getBytes(StandardCharsets.UTF_8);
        if (RawText.isBinary(oursBytes)) return new Conflict("binary on " + oursName, "");
        // A team whose editor turned the file into CRLF changed every line's ending, not every line: merge the lines and
        // give the result the team's line endings back.
        boolean crlf = RawText.isCrLfText(oursBytes) && !theirs.contains("\r\n");
        String oursText = crlf ? ours.replace("\r\n", "\n") : ours;
        RawText b = text(base == null ? "" : base);
        RawText o = text(oursText);
        RawText t = text(theirs);
        MergeResult<RawText> result = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM))
                .merge(RawTextComparator.DEFAULT, b, o, t);
        if (result.containsConflicts())
            return new Conflict(base == null ? "added on " + oursName + " and by " + theirsName : "overlapping edits",
                    hint(result, oursName, theirsName));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", oursName, theirsName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String merged = out.toString(StandardCharsets.UTF_8);
        return new Merged(crlf ? merged.replace("\n", "\r\n") : merged);
    }

    private static RawText text(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Each overlapping region as git would mark it, with the line numbers on the team's side; long sides are cut. */
    private static String hint(MergeResult<RawText> result, String oursName, String theirsName) {
        StringBuilder sb = new StringBuilder();
        List<MergeChunk> conflict = new ArrayList<>();
        for (MergeChunk c : result) {
            switch (c.getConflictState()) {
                case FIRST_CONFLICTING_RANGE -> {
                    conflict.clear();
                    conflict.add(c);
                }
                case BASE_CONFLICTING_RANGE -> conflict.add(c);
                case NEXT_CONFLICTING_RANGE -> {
                    conflict.add(c);
                    region(sb, result.getSequences(), conflict, oursName, theirsName);
                    conflict.clear();
                }
                default -> conflict.clear();
            }
        }
        return sb.toString();
    }

    private static void region(StringBuilder sb, List<RawText> seqs, List<MergeChunk> chunks, String oursName, String theirsName) {
        MergeChunk ours = chunks.get(0);
        MergeChunk theirs = chunks.get(chunks.size() - 1);
        int from = ours.getBegin() + 1;
        int to = ours.getEnd();
        sb.append("@@ ").append(oursName).append(to < from ? " after line " + ours.getBegin() : to == from ? " line " + from : " lines " + from + "-" + to)
                .append(" @@\n");
        sb.append("<<<<<<< ").append(oursName).append('\n');
        lines(sb, seqs.get(ours.getSequenceIndex()), ours);
        sb.append("=======\n");
        lines(sb, seqs.get(theirs.getSequenceIndex()), theirs);
        sb.append(">>>>>>> ").append(theirsName).append('\n');
    }

    private static void lines(StringBuilder sb, RawText text, MergeChunk c) {
        int end = Math.min(c.getEnd(), c.getBegin() + HINT_LINES);
        for (int i = c.getBegin(); i < end; i++) sb.append(text.getString(i)).append('\n');
        if (c.getEnd() > end) sb.append("… ").append(c.getEnd() - end).append(" more line(s)\n");
    }
}
