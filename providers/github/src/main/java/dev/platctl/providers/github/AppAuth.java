package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The {@code app_auth { app_id, installation_id, private_key_env }} setting: authenticate as a GitHub App installation. */
record AppAuth(String appId, long installationId, String privateKeyEnv) {
    static final List<String> KEYS = List.of("app_id", "installation_id", "private_key_env");
    /** GitHub's ids are 64-bit. */
    static final BigDecimal MAX_ID = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Parses the setting; problems are added to {@code diags}, all of them, and then it is empty. */
    static Optional<AppAuth> parse(Value v, Diagnostics diags) {
        Value value = v.unmarked();
        if (value.isNull()) return Optional.empty();
        if (!(value instanceof ObjectValue o) || !o.isWhollyKnown()) {
            diags.add(Diagnostic.error("Invalid value for \"app_auth\"", "provider \"github\" needs app_auth to be a block"
                    + " { app_id, installation_id, private_key_env } of known values."));
            return Optional.empty();
        }
        int before = diags.errors().size();
        o.attributes().keySet().stream().filter(k -> !KEYS.contains(k)).forEach(k -> diags.add(Diagnostic.error(
                "Unsupported attribute \"app_auth." + k + "\"", "app_auth accepts " + String.join(", ", KEYS)
                        + (k.contains("key") && !k.equals("private_key_env") ? "; the private key comes from the environment variable private_key_env names." : "."))));
        String appId = "";
        Value id = o.getOrNull("app_id").unmarked();
        if (id instanceof NumberValue n && n.isInteger() && n.value().signum() > 0) appId = n.value().toBigInteger().toString();
        else if (id instanceof StringValue s && !s.value().isBlank()) appId = s.value().trim();
        else diags.add(Diagnostic.error("Invalid value for \"app_auth.app_id\"",
                    "app_auth.app_id must be the App's id (a number) or its client ID (a string such as \"Iv23li...\")."));
        long installation = 0;
        Value inst = o.getOrNull("installation_id").unmarked();
        if (inst instanceof NumberValue n && n.isInteger() && n.value().signum() > 0 && n.value().compareTo(MAX_ID) <= 0)
            installation = n.value().longValueExact();
        else if (inst instanceof StringValue s && s.value().matches("[1-9][0-9]{0,17}")) installation = Long.parseLong(s.value());
        else diags.add(Diagnostic.error("Invalid value for \"app_auth.installation_id\"",
                    "app_auth.installation_id must be the installation's id, a whole number from 1 to " + MAX_ID
                            + " (the end of the installation's settings URL), got " + inst + "."));
        String keyEnv = "";
        if (o.getOrNull("private_key_env").unmarked() instanceof StringValue s && s.value().matches("[A-Za-z_][A-Za-z0-9_]*"))
            keyEnv = s.value();
        else diags.add(Diagnostic.error("Invalid value for \"app_auth.private_key_env\"", "app_auth.private_key_env must name the"
                + " environment variable holding the App's private key (PEM), such as \"GITHUB_APP_PRIVATE_KEY\"."));
        return diags.errors().size() > before ? Optional.empty() : Optional.of(new AppAuth(appId, installation, keyEnv));
    }
}
