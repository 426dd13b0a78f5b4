package dev.platctl.engine.module;

import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.RequestValidator;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workspace as it would be if every request using one module pinned another version of it, without
 * editing any file: planning {@link #configuration()} against current state shows what the upgrade does.
 * {@code from} holds each affected request's current module version ({@code name@version}).
 */
public record ModuleUpgrade(String module, ModuleConfig target, Configuration configuration, Map<String, String> from) {
    public ModuleUpgrade {
        from = java.util.Collections.unmodifiableMap(new TreeMap<>(from));
    }

    /** The affected requests, by name. */
    public List<String> requests() {
        return List.copyOf(from.keySet());
    }

    /**
     * Moves every request of {@code cfg} that uses module {@code name} to {@code version}; requests whose
     * parameters the new version rejects are reported in {@code diags}, and the result is then empty.
     */
    public static Optional<ModuleUpgrade> of(Configuration cfg, String name, SemVer version, Diagnostics diags) {
        List<ModuleConfig> named = cfg.modules().stream().filter(m -> m.name().equals(name)).toList();
        if (named.isEmpty()) {
            diags.error("Unknown module \"" + name + "\"", "no module named \"" + name + "\" in this workspace's module folders or registry."
                    + Suggestions.didYouMean(name, cfg.modules().stream().map(ModuleConfig::name).distinct().toList()), null);
            return Optional.empty();
        }
        Optional<ModuleConfig> target = named.stream().filter(m -> m.version().equals(version)).findFirst();
        if (target.isEmpty()) {
            diags.error("No version " + version + " of module \"" + name + "\"", "available versions: " + String.join(", ",
                    named.stream().map(m -> m.version()).sorted().map(SemVer::toString).toList()) + ".", null);
            return Optional.empty();
        }
        Map<String, ModuleConfig> moduleOf = new HashMap<>(cfg.moduleOfRequest());
        Map<String, String> from = new HashMap<>();
        for (RequestConfig r : cfg.requests()) {
            if (!r.moduleName().equals(name)) continue;
            ModuleConfig now = cfg.moduleOfRequest().get(r.name());
            from.put(r.name(), now == null ? name + "@?" : now.ref());
            if (!target.get().kind().isEmpty() && !target.get().kind().equals(r.kind()))
                diags.error("Kind does not match the module", "module " + target.get().ref() + " serves kind \"" + target.get().kind()
                        + "\", but request " + r.name() + " says kind \"" + r.kind() + "\".", r.range());
            RequestValidator.validate(r, target.get(), cfg.workspace(), diags);
            moduleOf.put(r.name(), target.get());
        }
        if (diags.hasErrors()) return Optional.empty();
        Configuration upgraded = new Configuration(cfg.workspace(), cfg.modules(), cfg.requests(), moduleOf, cfg.policies(), cfg.sources(),
                cfg.hash() + "+" + target.get().ref());
        return Optional.of(new ModuleUpgrade(name, target.get(), upgraded, from));
    }
}
