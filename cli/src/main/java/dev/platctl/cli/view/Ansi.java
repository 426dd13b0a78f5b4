package dev.platctl.cli.view;

import java.util.Map;

/** Wraps text in ANSI colour codes when colour is on, and returns it unchanged when it is off. */
public final class Ansi {
    public static final Ansi OFF = new Ansi(false);
    public static final Ansi ON = new Ansi(true);

    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    public static Ansi of(boolean enabled) {
        return enabled ? ON : OFF;
    }

    /**
     * Whether a command should colour its output: only on a terminal, never with {@code --no-color},
     * a non-empty {@code NO_COLOR} (https://no-color.org) or {@code TERM=dumb}.
     */
    public static boolean wanted(boolean stdoutIsTerminal, boolean noColorFlag, Map<String, String> env) {
        if (!stdoutIsTerminal || noColorFlag) return false;
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        return !"dumb".equals(env.get("TERM"));
    }

    public boolean enabled() {
        return enabled;
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String boldRed(String s) {
        return wrap("1;31", s);
    }

    public String boldYellow(String s) {
        return wrap("1;33", s);
    }

    private String wrap(String code, String s) {
        return enabled && !s.isEmpty() ? "\u001b[" + code + "m" + s + RESET : s;
    }
}
