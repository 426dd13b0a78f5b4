package dev.platctl.providers.builtin;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The provider that needs no API: values kept in state, random values, and local files. */
public final class BuiltinProvider implements Provider {
    public static final String NAME = "builtin";
    static final String LATENCY_MS = "latency_ms";
    private static final List<AttributeSchema> CONFIG_SCHEMA = List.of(
            AttributeSchema.optional(LATENCY_MS, AttributeType.NUMBER,
                    "Milliseconds every create, update, delete, read, import and lookup call waits first"
                            + " (default 0), to test and measure parallel apply; planning is never delayed."));

    private final SimulatedLatency latency;
    private final List<ResourceType> types;

    public BuiltinProvider(ProviderContext context) {
        this(context, Sleeper.THREAD);
    }

    BuiltinProvider(ProviderContext context, Sleeper sleeper) {
        this.latency = new SimulatedLatency(sleeper);
        List<ResourceType> plain = List.of(
                new PlatctlDataType(context.random()),
                new RandomPasswordType(context.random()),
                new RandomIdType(context.random()),
                new LocalFileType(context.workspaceDir()));
        this.types = plain.stream().<ResourceType>map(t -> new DelayedResourceType(t, latency)).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AttributeSchema> configSchema() {
        return CONFIG_SCHEMA;
    }

    @Override
    public Diagnostics configure(ObjectValue config) {
        Diagnostics diags = new Diagnostics();
        config.attributes().forEach((key, value) -> {
            if (!key.equals(LATENCY_MS))
                diags.add(Diagnostic.error("Unsupported provider setting \"" + key + "\"",
                        "provider \"" + NAME + "\" accepts " + acceptedNames() + "."));
        });
        Value v = config.getOrNull(LATENCY_MS).unwrap();
        if (v.isNull()) {
            latency.set(Duration.ZERO);
        } else if (v instanceof NumberValue n && n.isInteger() && n.value().signum() >= 0
                && n.value().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            latency.set(Duration.ofMillis(n.value().longValueExact()));
        } else {
            diags.add(Diagnostic.error("Invalid value for \"" + LATENCY_MS + "\"",
                    "provider \"" + NAME + "\" needs " + LATENCY_MS + " to be a known whole number of milliseconds"
                            + " (0 or more), got " + v + "."));
        }
        return diags;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return types;
    }

    Duration latency() {
        return latency.delay();
    }

    private static String acceptedNames() {
        return CONFIG_SCHEMA.stream().map(AttributeSchema::name).collect(Collectors.joining(", "));
    }
}
