package dev.platctl.engine.policy.gatekeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.PlatctlException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Gatekeeper {@code ConstraintTemplate}s whose code runs on the CEL engine ({@code K8sNativeValidation})
 * and their {@code Constraint}s into platctl policies: one policy per constraint, matching the constraint's
 * kinds as {@code kubernetes_*} types, one rule per validation with the constraint's parameters inlined.
 * What cannot be carried over (Rego code, namespace and label selectors, {@code oldObject}, ...) is listed.
 */
public final class GatekeeperImport {
    private static final String CEL_ENGINE = "K8sNativeValidation";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, JsonNode> templatesByKind = new LinkedHashMap<>();
    private final Map<String, String> templateFile = new LinkedHashMap<>();
    private final List<JsonNode> constraints = new ArrayList<>();
    private final List<String> constraintFiles = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();

    /** Reads every YAML document of {@code files}; documents that are neither templates nor constraints are listed. */
    public static ImportResult run(List<Path> files) {
        GatekeeperImport imp = new GatekeeperImport();
        for (Path f : files) imp.read(f);
        return imp.convert();
    }

    private void read(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isEmpty()) continue;
                String where = file.getFileName() + (index > 1 ? " (document " + index + ")" : "");
                String kind = doc.path("kind").asText("");
                if (kind.equals("ConstraintTemplate")) {
                    String crdKind = doc.path("spec").path("crd").path("spec").path("names").path("kind").asText("");
                    if (crdKind.isEmpty()) unsupported.add(where + ": ConstraintTemplate " + name(doc) + " has no spec.crd.spec.names.kind; skipped");
                    else {
                        templatesByKind.put(crdKind, doc);
                        templateFile.put(crdKind, where);
                    }
                } else if (doc.path("apiVersion").asText("").startsWith("constraints.gatekeeper.sh/")) {
                    constraints.add(doc);
                    constraintFiles.add(where);
                } else {
                    unsupported.add(where + ": " + (kind.isEmpty() ? "a document without kind" : kind + " " + name(doc))
                            + " is not a Gatekeeper ConstraintTemplate or constraint; skipped");
                }
            }
        } catch (IOException e) {
            throw new PlatctlException("cannot import " + file + ": " + e.getMessage());
        }
    }

    private ImportResult convert() {
        List<ImportedPolicy> out = new ArrayList<>();
        Set<String> usedTemplates = new LinkedHashSet<>();
        for (int i = 0; i < constraints.size(); i++) {
            JsonNode c = constraints.get(i);
            String kind = c.path("kind").asText("");
            JsonNode template = templatesByKind.get(kind);
            if (template == null) {
                unsupported.add(constraintFiles.get(i) + ": constraint " + kind + "/" + name(c)
                        + " has no ConstraintTemplate among the files; skipped");
                continue;
            }
            usedTemplates.add(kind);
            convert(c, constraintFiles.get(i), template).ifPresent(out::add);
        }
        for (Map.Entry<String, JsonNode> t : templatesByKind.entrySet())
            if (!usedTemplates.contains(t.getKey()))
                unsupported.add(templateFile.get(t.getKey()) + ": ConstraintTemplate " + name(t.getValue())
                        + " has no constraint among the files: a policy is made per constraint; nothing imported");
        return new ImportResult(out, unsupported);
    }

    private Optional<ImportedPolicy> convert(JsonNode constraint, String where, JsonNode template) {
        String kind = constraint.path("kind").asText();
        String name = name(constraint);
        String what = where + ": constraint " + kind + "/" + name;
        JsonNode code = null;
        List<String> engines = new ArrayList<>();
        for (JsonNode target : template.path("spec").path("targets")) {
            if (target.hasNonNull("rego") && !target.path("rego").asText().isBlank()) engines.add("Rego");
            for (JsonNode c : target.path("code")) {
                String engine = c.path("engine").asText("");
                if (engine.equals(CEL_ENGINE) && code == null) code = c;
                else engines.add(engine);
            }
        }
        if (code == null) {
            unsupported.add(what + ": template " + name(template) + " has no " + CEL_ENGINE + " code (it uses "
                    + (engines.isEmpty() ? "none" : String.join(", ", new LinkedHashSet<>(engines))) + "); only CEL templates can be imported");
            return Optional.empty();
        }
        JsonNode spec = constraint.path("spec");
        CelRewriter cel = new CelRewriter(CelLiteral.of(spec.path("parameters").isMissingNode() ? null : spec.path("parameters")));
        JsonNode source = code.path("source");
        for (JsonNode v : source.path("variables")) cel.define(v.path("name").asText(), v.path("expression").asText());
        List<String> guards = new ArrayList<>();
        for (JsonNode mc : source.path("matchConditions")) guards.add("(" + cel.rewrite(mc.path("expression").asText()) + ")");
        List<PolicyHcl.Rule> rules = new ArrayList<>();
        int n = 0;
        for (JsonNode v : source.path("validations")) {
            n++;
            String condition = cel.rewrite(v.path("expression").asText());
            if (!guards.isEmpty()) condition = "!(" + String.join(" && ", guards) + ") ||\n(" + condition + ")";
            String message = v.path("message").asText("");
            if (v.hasNonNull("messageExpression")) {
                unsupported.add(what + ": validation " + n + " has a messageExpression; platctl messages are fixed text, so "
                        + (message.isEmpty() ? "a message naming the constraint is used" : "its message is used"));
            }
            if (message.isEmpty()) message = "the object violates " + kind + " " + name + " (" + v.path("expression").asText().strip() + ")";
            rules.add(new PolicyHcl.Rule(condition, message));
        }
        if (rules.isEmpty()) {
            unsupported.add(what + ": template " + name(template) + " has no validations; skipped");
            return Optional.empty();
        }
        for (String u : cel.unsupported())
            unsupported.add(what + ": \"" + u + "\" has no platctl equivalent (policies see the planned object, not an admission "
                    + "request); rules using it fail closed until rewritten");
        List<String> types = types(spec.path("match"), what);
        String enforcement = switch (spec.path("enforcementAction").asText("deny")) {
            case "warn" -> "warn";
            case "dryrun" -> "dryrun";
            case "deny" -> "deny";
            default -> {
                unsupported.add(what + ": enforcementAction \"" + spec.path("enforcementAction").asText() + "\" is imported as deny");
                yield "deny";
            }
        };
        List<String> comments = List.of("Imported from Gatekeeper: constraint " + kind + "/" + name + " of ConstraintTemplate "
                + name(template) + " (" + where + ").");
        String description = template.path("metadata").path("annotations").path("description").asText(
                "Gatekeeper constraint " + kind + "/" + name + ".").strip();
        return Optional.of(new ImportedPolicy(name, name + ".hcl",
                PolicyHcl.of(comments, name, description, enforcement, types, rules)));
    }

    /** {@code spec.match.kinds} as platctl types; empty (every type) for a "*" kind or no kinds. Selectors are listed as unsupported. */
    private List<String> types(JsonNode match, String what) {
        Set<String> types = new LinkedHashSet<>();
        boolean all = !match.has("kinds");
        for (JsonNode k : match.path("kinds"))
            for (JsonNode kind : k.path("kinds")) {
                if (kind.asText().equals("*")) all = true;
                else types.add(KubernetesTypes.of(kind.asText()));
            }
        for (String selector : List.of("namespaces", "excludedNamespaces", "labelSelector", "namespaceSelector", "scope", "name", "source"))
            if (match.has(selector))
                unsupported.add(what + ": spec.match." + selector + " has no platctl equivalent; the policy matches by type only");
        return all ? List.of() : List.copyOf(types);
    }

    private static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText("(unnamed)");
    }
}
