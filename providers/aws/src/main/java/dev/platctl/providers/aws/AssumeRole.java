package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The checked {@code assume_role { ... }} setting: the role every call is made as, assumed with the base credentials. */
record AssumeRole(String roleArn, String sessionName, Optional<String> externalId, int durationSeconds) {
    static final String DEFAULT_SESSION_NAME = "platctl";
    static final int DEFAULT_DURATION_SECONDS = 3600;
    private static final Set<String> FIELDS = Set.of("role_arn", "session_name", "external_id", "duration_seconds");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/.+");
    /** STS's own rule for session names. */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /** Parses the block; problems are added to {@code diags} and nothing is assumed. */
    static Optional<AssumeRole> parse(Value value, Diagnostics diags) {
        Value v = value.unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof ListValue l && l.items().size() == 1) v = l.items().get(0).unmarked();
        if (!(v instanceof ObjectValue o) || !o.isWhollyKnown()) {
            diags.add(error("assume_role", "needs assume_role to be one known block { role_arn = \"...\" }"));
            return Optional.empty();
        }
        o.attributes().keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().forEach(k -> diags.add(Diagnostic.error(
                "Unsupported setting \"assume_role." + k + "\"",
                "provider \"aws\" accepts role_arn, session_name, external_id and duration_seconds in assume_role.")));
        Optional<String> arn = string(o, "role_arn", diags);
        if (arn.isEmpty()) {
            if (!o.getOrNull("role_arn").unmarked().isNull()) return Optional.empty();
            diags.add(error("assume_role.role_arn", "needs assume_role.role_arn, the ARN of the role to assume"));
            return Optional.empty();
        }
        if (!ROLE_ARN.matcher(arn.get()).matches()) {
            diags.add(error("assume_role.role_arn", "needs assume_role.role_arn to be a role ARN such as"
                    + " \"arn:aws:iam::123456789012:role/platctl\", got \"" + arn.get() + "\""));
            return Optional.empty();
        }
        String session = string(o, "session_name", diags).orElse(DEFAULT_SESSION_NAME);
        if (!SESSION_NAME.matcher(session).matches())
            diags.add(error("assume_role.session_name", "needs assume_role.session_name to be 2 to 64 letters, digits"
                    + " or the characters +=,.@_-, got \"" + session + "\""));
        Optional<String> externalId = string(o, "external_id", diags);
        int duration = DEFAULT_DURATION_SECONDS;
        Value d = o.getOrNull("duration_seconds").unmarked();
        if (!d.isNull()) {
            if (d instanceof NumberValue n && n.isInteger() && n.value().longValue() >= 900 && n.value().longValue() <= 43200)
                duration = n.value().intValue();
            else diags.add(error("assume_role.duration_seconds",
                    "needs assume_role.duration_seconds to be a whole number from 900 to 43200, got " + d));
        }
        return Optional.of(new AssumeRole(arn.get(), session, externalId, duration));
    }

    private static Optional<String> string(ObjectValue o, String name, Diagnostics diags) {
        Value v = o.getOrNull(name).unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && !s.value().isBlank()) return Optional.of(s.value());
        diags.add(error("assume_role." + name, "needs assume_role." + name + " to be a non-empty string, got " + v.typeName() + " " + v));
        return Optional.empty();
    }

    private static Diagnostic error(String name, String detail) {
        return Diagnostic.error("Invalid value for \"" + name + "\"", "provider \"aws\" " + detail + ".");
    }
}
