package dev.platctl.providers.kubernetes;

import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ObjectValue;

import java.util.List;
import java.util.Optional;

/**
 * A {@code kubernetes_manifest}'s {@code manifest_yaml}: YAML text holding exactly one object, read with the
 * same YAML reader as request files, so a syntax error names its line within the text.
 */
final class ManifestYaml {
    static final String ATTRIBUTE = "manifest_yaml";

    private ManifestYaml() {
    }

    /** The object the text holds, or empty with the problems added to {@code diags}. */
    static Optional<ObjectValue> parse(String text, Diagnostics diags) {
        Diagnostics syntax = new Diagnostics();
        List<YamlNode> documents = YamlReader.read(ATTRIBUTE, text, syntax).stream()
                .filter(d -> d.kind() != YamlNode.Kind.SCALAR || !d.scalar().isNull())
                .toList();
        for (Diagnostic d : syntax.errors())
            diags.add(Diagnostic.error("Invalid YAML in \"" + ATTRIBUTE + "\"", d.subject()
                    .map(r -> "line " + r.start().line() + ", column " + r.start().column() + " of " + ManifestType.TYPE + "."
                            + ATTRIBUTE + ": ")
                    .orElse(ManifestType.TYPE + "." + ATTRIBUTE + ": ") + d.detail()));
        if (syntax.hasErrors()) return Optional.empty();
        if (documents.size() != 1) {
            diags.add(Diagnostic.error("Wrong number of YAML documents in \"" + ATTRIBUTE + "\"", ManifestType.TYPE + "."
                    + ATTRIBUTE + " must hold exactly one YAML document, got " + documents.size()
                    + "; give each object its own " + ManifestType.TYPE + "."));
            return Optional.empty();
        }
        YamlNode document = documents.get(0);
        if (!document.isMapping()) {
            diags.add(Diagnostic.error("Invalid YAML in \"" + ATTRIBUTE + "\"", ManifestType.TYPE + "." + ATTRIBUTE
                    + " must be a mapping (apiVersion, kind, metadata, ...), got " + document.describe() + " at line "
                    + document.range().start().line() + "."));
            return Optional.empty();
        }
        return Optional.of((ObjectValue) document.toValue());
    }
}
