package dev.platctl.cli.view;

import java.util.ArrayList;
import java.util.List;

/** The shortest edit script between two sequences (longest common subsequence), for list and text diffs. */
final class SequenceDiff {
    /** Above this many cells the table is not built and everything is deleted, then inserted. */
    private static final long MAX_CELLS = 4_000_000L;

    /** What happens to one element. */
    enum Op { KEEP, DELETE, INSERT }

    /** One step of the script; {@code element} comes from the old sequence for KEEP and DELETE. */
    record Edit<T>(Op op, T element) {
    }

    private SequenceDiff() {
    }

    static <T> List<Edit<T>> of(List<T> a, List<T> b) {
        int n = a.size(), m = b.size();
        List<Edit<T>> out = new ArrayList<>(n + m);
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (T x : a) out.add(new Edit<>(Op.DELETE, x));
            for (T x : b) out.add(new Edit<>(Op.INSERT, x));
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        int i = 0, j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Edit<>(Op.KEEP, a.get(i++)));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Edit<>(Op.DELETE, a.get(i++)));
            } else {
                out.add(new Edit<>(Op.INSERT, b.get(j++)));
            }
        }
        while (i < n) out.add(new Edit<>(Op.DELETE, a.get(i++)));
        while (j < m) out.add(new Edit<>(Op.INSERT, b.get(j++)));
        return out;
    }
}
