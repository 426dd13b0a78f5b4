package dev.platctl.engine.provider;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ObjectValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the installed providers through {@link ServiceLoader}, creates and configures them. */
public final class ProviderLoader {
    private ProviderLoader() {
    }

    /** Names of the installed providers, sorted. */
    public static List<String> installed() {
        return List.copyOf(factories().keySet());
    }

    /**
     * Creates every installed provider and configures it with its block from the workspace (or an empty
     * configuration); a block naming a provider that is not installed is an error.
     */
    public static Providers load(Map<String, ObjectValue> configs, ProviderContext ctx, Diagnostics diags) {
        Map<String, ProviderFactory> factories = factories();
        for (String name : configs.keySet())
            if (!factories.containsKey(name))
                diags.add(Diagnostic.error("Unknown provider \"" + name + "\"", "no provider named '" + name
                        + "' is installed: known providers are " + String.join(", ", factories.keySet()) + "."));
        List<Provider> providers = new ArrayList<>();
        for (ProviderFactory f : factories.values()) {
            Provider p = f.create(ctx);
            Diagnostics d = p.configure(configs.getOrDefault(f.name(), ObjectValue.EMPTY));
            for (Diagnostic x : d.all())
                diags.add(new Diagnostic(x.severity(), x.summary(), x.detail() + " (in provider \"" + f.name() + "\")", x.subject()));
            providers.add(p);
        }
        return new Providers(providers);
    }

    private static Map<String, ProviderFactory> factories() {
        Map<String, ProviderFactory> out = new TreeMap<>();
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) out.put(f.name(), f);
        return out;
    }
}
