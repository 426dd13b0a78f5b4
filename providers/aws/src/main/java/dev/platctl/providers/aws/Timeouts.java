package dev.platctl.providers.aws;

import dev.platctl.engine.value.ObjectValue;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource's {@code timeouts { create = "40m", update = "80m", delete = "60m" }}: how long platctl waits
 * for AWS to finish, written as Terraform writes durations ({@code 90s}, {@code 40m}, {@code 1h30m}).
 */
record Timeouts(Duration create, Duration update, Duration delete) {
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

    /** The timeouts set in {@code planned}, others from {@code defaults}; a problem names the one at fault. */
    static Timeouts of(ObjectValue planned, Timeouts defaults, StringBuilder problem) {
        if (!(planned.getOrNull("timeouts").unmarked() instanceof ObjectValue t)) return defaults;
        for (String k : t.attributes().keySet())
            if (!k.equals("create") && !k.equals("update") && !k.equals("delete"))
                problem.append("timeouts has no \"").append(k).append("\"; it takes create, update and delete");
        return new Timeouts(one(t, "create", defaults.create(), problem), one(t, "update", defaults.update(), problem),
                one(t, "delete", defaults.delete(), problem));
    }

    private static Duration one(ObjectValue t, String name, Duration dflt, StringBuilder problem) {
        Optional<String> text = Attrs.string(t, name);
        if (text.isEmpty()) return dflt;
        Optional<Duration> d = parse(text.get());
        if (d.isEmpty() && problem.isEmpty())
            problem.append("timeouts.").append(name).append(" must be a duration such as \"40m\", \"90s\" or \"1h30m\", got \"")
                    .append(text.get()).append("\"");
        return d.orElse(dflt);
    }

    static Optional<Duration> parse(String text) {
        Matcher m = PART.matcher(text.trim());
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        return end > 0 && end == text.trim().length() && !d.isZero() ? Optional.of(d) : Optional.empty();
    }

    /** A duration as it was written: 40m, 1h30m, 90s. */
    static String format(Duration d) {
        StringBuilder b = new StringBuilder();
        if (d.toHours() > 0) b.append(d.toHours()).append('h');
        if (d.toMinutesPart() > 0) b.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0 || b.isEmpty()) b.append(d.toSecondsPart()).append('s');
        return b.toString();
    }
}
