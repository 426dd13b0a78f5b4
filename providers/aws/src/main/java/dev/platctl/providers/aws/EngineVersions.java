package dev.platctl.providers.aws;

/** Orders database engine versions such as {@code 15.4}, {@code 16.10} and {@code 8.0.35} by their numbers. */
final class EngineVersions {
    private EngineVersions() {
    }

    /** Compares number by number; a part that is not a number compares as text. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Whether both are the same major version: the first part, or the first two for engines numbered 5.7, 8.0. */
    static boolean sameMajor(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        if (!x[0].equals(y[0])) return false;
        boolean twoPart = x[0].matches("[0-9]") && x.length > 2;
        return !twoPart || (y.length > 1 && x[1].equals(y[1]));
    }
}
