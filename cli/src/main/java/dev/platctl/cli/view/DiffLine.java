package dev.platctl.cli.view;

/**
 * One line of a rendered resource diff: its indentation, its change marker ({@code +}, {@code -},
 * {@code ~}, {@code -/+}, {@code +/-}, {@code <=}, or empty) and the text after the marker.
 */
record DiffLine(int indent, String mark, String text) {

    /** For a terminal: the marker coloured by what it means. */
    String human(Ansi ansi) {
        if (mark.isEmpty()) return text.isEmpty() ? "" : " ".repeat(indent) + text;
        StringBuilder sb = new StringBuilder(" ".repeat(indent));
        for (char c : mark.toCharArray()) {
            String s = String.valueOf(c);
            sb.append(switch (c) {
                case '+' -> ansi.green(s);
                case '-' -> ansi.red(s);
                case '~' -> ansi.yellow(s);
                case '<', '=' -> ansi.cyan(s);
                default -> s;
            });
        }
        return text.isEmpty() ? sb.toString() : sb.append(' ').append(text).toString();
    }

    /**
     * For a {@code diff} code block: a one-character marker moves to the first column so the line is
     * highlighted ({@code ~} becomes {@code !}); the text stays where it was.
     */
    String diffBlock() {
        if (mark.isEmpty()) return text.isEmpty() ? "" : " ".repeat(indent) + text;
        String line = mark.length() == 1
                ? (mark.equals("~") ? "!" : mark) + " ".repeat(indent) + ' ' + text
                : " ".repeat(indent) + mark + ' ' + text;
        return line.stripTrailing();
    }
}
