package dev.platctl.engine.config;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.diag.SourceRange;

import java.util.Optional;

/**
 * One entry of {@code replace_triggered_by}: a resource block of the same module ({@code type.name}), optionally
 * one of its instances ({@code [0]}, {@code ["key"]}) and one of its attributes, and where the entry is written.
 */
public record ReplaceTrigger(String type, String name, Optional<InstanceKey> key, Optional<AttributePath> attribute,
                             SourceRange range) {
    /** {@code type.name}, the block's local name in its module. */
    public String local() {
        return type + "." + name;
    }

    @Override
    public String toString() {
        return local() + key.map(InstanceKey::toString).orElse("") + attribute.map(a -> "." + a).orElse("");
    }
}
