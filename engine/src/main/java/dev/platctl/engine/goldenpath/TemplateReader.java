package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.config.VersionConstraint;
import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a Backstage {@code scaffolder.backstage.io/v1beta3} Template into a {@link Template}, reporting every
 * problem with file and line; schema references ({@code $ref}) are refused so that nothing is fetched.
 */
public final class TemplateReader {
    public static final String API_VERSION = "scaffolder.backstage.io/v1beta3";
    public static final String VERSION_ANNOTATION = "platctl.dev/version";
    public static final String MODULE_ANNOTATION = "platctl.dev/module";
    private static final Set<String> REFUSED_SCHEMA_KEYS = Set.of("$ref", "$dynamicRef", "$recursiveRef", "$id", "$anchor");

    private TemplateReader() {
    }

    /** Reads {@code template.yaml} in {@code dir}; {@code file} is how diagnostics name it. */
    public static Optional<Template> read(Path dir, String file, String text, Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        List<YamlNode> docs = YamlReader.read(file, text, d);
        if (d.hasErrors() || docs.isEmpty()) {
            if (docs.isEmpty() && !d.hasErrors()) d.error("Empty template", "template.yaml holds no document.", SourceRange.at(file, 1, 1));
            diags.addAll(d);
            return Optional.empty();
        }
        YamlNode doc = docs.get(0);
        if (!doc.isMapping()) {
            d.error("Invalid template", "a template is a mapping with apiVersion, kind, metadata and spec.", doc.range());
            diags.addAll(d);
            return Optional.empty();
        }
        String apiVersion = string(doc, "apiVersion").orElse("");
        if (!apiVersion.equals(API_VERSION))
            d.error("Unsupported template apiVersion \"" + apiVersion + "\"", "golden paths use apiVersion: " + API_VERSION + ".", at(doc, "apiVersion"));
        String kind = string(doc, "kind").orElse("");
        if (!kind.equals("Template"))
            d.error("Not a Template", "kind must be Template; got \"" + kind + "\".", at(doc, "kind"));
        YamlNode metadata = doc.field("metadata").filter(YamlNode::isMapping).orElse(null);
        YamlNode spec = doc.field("spec").filter(YamlNode::isMapping).orElse(null);
        if (metadata == null) d.error("Missing metadata", "a template has metadata with at least a name.", doc.range());
        if (spec == null) d.error("Missing spec", "a template has spec with parameters and steps.", doc.range());
        if (metadata == null || spec == null) {
            diags.addAll(d);
            return Optional.empty();
        }
        String name = string(metadata, "name").orElse("");
        if (name.isEmpty()) d.error("Missing metadata.name", "a template has a name.", metadata.range());
        Map<String, String> annotations = strings(metadata.field("annotations"));
        String version = Optional.ofNullable(annotations.get(VERSION_ANNOTATION)).or(() -> string(spec, "version")).orElse("");
        if (version.isEmpty())
            d.error("Missing template version", "set metadata.annotations." + VERSION_ANNOTATION + " (or spec.version) to a semantic version such as 1.0.0; requests record it.", metadata.range());
        else if (SemVer.parse(version).isEmpty())
            d.error("Invalid template version \"" + version + "\"", "use a semantic version such as 1.0.0.", metadata.range());
        String moduleRef = annotations.getOrDefault(MODULE_ANNOTATION, "service");
        String module = moduleRef.contains("@") ? moduleRef.substring(0, moduleRef.indexOf('@')) : moduleRef;
        String moduleVersion = moduleRef.contains("@") ? moduleRef.substring(moduleRef.indexOf('@') + 1) : "";
        if (!moduleVersion.isEmpty() && VersionConstraint.parse(moduleVersion).isEmpty())
            d.error("Invalid " + MODULE_ANNOTATION + " \"" + moduleRef + "\"", "name the module its requests use, optionally with the versions they take"
                    + " (service, service@^2.0): " + VersionConstraint.problem(moduleVersion).orElse("") + ".", metadata.range());

        refuseReferences(spec.field("parameters").orElse(null), d);
        List<TemplateParameter> params = new ArrayList<>();
        ObjectValue schema = schema(spec.field("parameters"), params, d);
        List<TemplateStep> steps = steps(spec.field("steps"), d);
        Path skeleton = skeleton(dir, steps, spec, d);
        List<Template.Link> links = links(spec.field("output"), d);
        if (d.hasErrors()) {
            diags.addAll(d);
            return Optional.empty();
        }
        diags.addAll(d);
        return Optional.of(new Template(name, string(metadata, "title").orElse(name), string(metadata, "description").orElse(""),
                version, module, moduleVersion, schema, params, steps, links, dir, skeleton, text));
    }

    private static void refuseReferences(YamlNode n, Diagnostics d) {
        if (n == null) return;
        n.fields().forEach((k, v) -> {
            if (REFUSED_SCHEMA_KEYS.contains(k))
                d.error("Schema reference refused", "\"" + k + "\" would make platctl fetch a schema from elsewhere; write the parameter's schema inline.", v.keyRange());
            refuseReferences(v, d);
        });
        n.items().forEach(i -> refuseReferences(i, d));
    }

    /** Backstage allows one schema or a list of form pages; they merge into one object schema. */
    private static ObjectValue schema(Optional<YamlNode> node, List<TemplateParameter> params, Diagnostics d) {
        List<YamlNode> pages = new ArrayList<>();
        if (node.isEmpty()) return new ObjectValue(Map.of("type", Value.of("object")));
        YamlNode n = node.get();
        if (n.isMapping()) pages.add(n);
        else if (n.kind() == YamlNode.Kind.SEQUENCE) pages.addAll(n.items());
        else d.error("Invalid spec.parameters", "parameters are a JSON Schema object or a list of them (form pages).", n.range());
        Map<String, Value> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>(), hidden = new LinkedHashSet<>();
        List<Value> allOf = new ArrayList<>();
        for (YamlNode page : pages) {
            if (!page.isMapping()) {
                d.error("Invalid parameters page", "each page is a JSON Schema object with properties.", page.range());
                continue;
            }
            page.field("required").ifPresent(r -> r.items().forEach(i -> {
                if (i.scalar() instanceof StringValue s) required.add(s.value());
            }));
            page.field("properties").filter(YamlNode::isMapping).ifPresent(p -> p.fields().forEach((k, v) -> {
                properties.put(k, withoutUiHints(v.toValue()));
                if (v.field("ui:widget").map(w -> Value.of("hidden").equals(w.scalar())).orElse(false)) hidden.add(k);
            }));
            for (String keyword : List.of("allOf", "anyOf", "oneOf", "if", "dependencies", "dependentRequired", "dependentSchemas"))
                page.field(keyword).ifPresent(x -> allOf.add(new ObjectValue(Map.of(keyword, withoutUiHints(x.toValue())))));
        }
        properties.forEach((k, v) -> {
            ObjectValue o = v instanceof ObjectValue ov ? ov : ObjectValue.EMPTY;
            List<Value> choices = o.getOrNull("enum") instanceof ListValue l ? l.items() : List.of();
            params.add(new TemplateParameter(k, text(o.getOrNull("title")), text(o.getOrNull("description")),
                    text(o.getOrNull("type")), choices, o.get("default"), required.contains(k), hidden.contains(k)));
        });
        Map<String, Value> out = new TreeMap<>();
        out.put("type", Value.of("object"));
        out.put("properties", new ObjectValue(properties));
        out.put("required", new ListValue(required.stream().map(Value::of).toList()));
        if (!allOf.isEmpty()) out.put("allOf", new ListValue(allOf));
        return new ObjectValue(out);
    }

    /** {@code ui:*} keys are Backstage form hints; they mean nothing to validation. */
    private static Value withoutUiHints(Value v) {
        if (v instanceof ObjectValue o) {
            Map<String, Value> out = new TreeMap<>();
            o.attributes().forEach((k, x) -> {
                if (!k.startsWith("ui:")) out.put(k, withoutUiHints(x));
            });
            return new ObjectValue(out);
        }
        if (v instanceof ListValue l) return new ListValue(l.items().stream().map(TemplateReader::withoutUiHints).toList());
        return v;
    }

    /**
     * The steps, each checked: an action platctl knows (see {@link StepAction}), the inputs it needs, no input it would
     * ignore where platctl carries the step out (a warning where the module does), one {@code fetch:template}.
     */
    private static List<TemplateStep> steps(Optional<YamlNode> node, Diagnostics d) {
        List<TemplateStep> steps = new ArrayList<>();
        if (node.isEmpty()) return steps;
        if (node.get().kind() != YamlNode.Kind.SEQUENCE) {
            d.error("Invalid spec.steps", "steps are a list of {id, name, action, input}.", node.get().range());
            return steps;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (YamlNode s : node.get().items()) {
            if (!s.isMapping()) {
                d.error("Invalid step", "a step is a mapping with id, name, action and input; got " + s.describe() + ".", s.range());
                continue;
            }
            String action = string(s, "action").orElse("");
            if (action.isEmpty()) {
                d.error("Step without action", "every step names a Backstage action, e.g. fetch:template.", s.range());
                continue;
            }
            String id = string(s, "id").orElse(action);
            if (!ids.add(id)) d.error("Duplicate step id \"" + id + "\"", "step ids are unique: links and later steps name steps by id.", at(s, "id"));
            Optional<YamlNode> inputNode = s.field("input");
            if (inputNode.isPresent() && !inputNode.get().isMapping() && !inputNode.get().scalar().isNull())
                d.error("Invalid input of step \"" + id + "\"", "a step's input is a mapping; got " + inputNode.get().describe() + ".", inputNode.get().range());
            ObjectValue input = inputNode.map(YamlNode::toValue).filter(ObjectValue.class::isInstance).map(ObjectValue.class::cast).orElse(ObjectValue.EMPTY);
            Map<String, SourceRange> ranges = new LinkedHashMap<>();
            inputNode.filter(YamlNode::isMapping).ifPresent(i -> i.fields().forEach((k, v) -> ranges.put(k, v.keyRange() != null ? v.keyRange() : v.range())));
            TemplateStep step = new TemplateStep(id, string(s, "name").orElse(id), action, input, s.range(), ranges);
            Optional<StepAction> known = StepAction.of(action);
            if (known.isEmpty()) {
                d.error("Unknown step action \"" + action + "\"", "step \"" + id + "\" names an action platctl does not know; it knows "
                        + String.join(", ", StepAction.ids()) + "." + Suggestions.didYouMean(action, StepAction.ids()), at(s, "action"));
                continue;
            }
            checkInputs(step, known.get(), d);
            steps.add(step);
        }
        if (steps.stream().filter(st -> st.action().equals(StepAction.FETCH_TEMPLATE.id())).count() > 1)
            d.error("More than one fetch:template step", "platctl renders one skeleton into the repository's root.", node.get().range());
        return steps;
    }

    private static void checkInputs(TemplateStep step, StepAction action, Diagnostics d) {
        for (String r : action.required())
            if (step.input().getOrNull(r).isNull())
                d.error("Missing input \"" + r + "\" of step \"" + step.id() + "\"", action.id() + " needs " + r + ".", step.range());
        for (String k : step.input().attributes().keySet()) {
            if (action.known().contains(k)) continue;
            String known = String.join(", ", new java.util.TreeSet<>(action.known()));
            if (action.strict())
                d.error("Unsupported input \"" + k + "\" of step \"" + step.id() + "\"", "platctl carries out " + action.id() + " itself and would"
                        + " ignore " + k + "; it reads " + known + "." + Suggestions.didYouMean(k, List.copyOf(action.known())), step.at(k));
            else
                d.warning("Input \"" + k + "\" of step \"" + step.id() + "\" is not checked", "in platctl the service's module does what "
                        + action.id() + " does, and platctl checks only " + known + " against it.", step.at(k));
        }
        if (action == StepAction.PLATCTL_REQUEST_CREATE) RequestStep.check(step, d);
    }

    /**
     * The skeleton folder: inside the template's folder both as written and once symbolic links are resolved, and neither
     * a link itself nor reached through one, so that a skeleton linked to, say, ~/.ssh is never rendered. (A template folder that is a link is
     * refused where it is found by name, {@link GoldenPaths#locate}; rendering reads the skeleton through
     * {@link SkeletonFiles}, which follows no link.)
     */
    private static Path skeleton(Path dir, List<TemplateStep> steps, YamlNode spec, Diagnostics d) {
        String url = steps.stream().filter(s -> s.action().equals("fetch:template")).findFirst()
                .map(s -> text(s.input().getOrNull("url"))).filter(u -> !u.isEmpty()).orElse("./skeleton");
        Path base = dir.toAbsolutePath().normalize();
        Path skeleton = base.resolve(url).normalize();
        if (url.contains("://") || !skeleton.startsWith(base) || skeleton.equals(base)) {
            d.error("Skeleton outside the template", "fetch:template's url \"" + url + "\" must be a folder inside the template's folder, e.g. ./skeleton.", spec.range());
        } else if (Files.isSymbolicLink(skeleton)) {
            d.error("Skeleton is a symbolic link", "fetch:template's url \"" + url + "\" names a symbolic link; the skeleton is a plain folder"
                    + " inside the template's folder, so that rendering never reads anything else.", spec.range());
        } else if (!Files.isDirectory(skeleton)) {
            d.error("No skeleton folder", "fetch:template's url \"" + url + "\" names no folder in " + base + ".", spec.range());
        } else {
            Optional<String> outside = outside(base, skeleton);
            outside.ifPresent(why -> d.error("Skeleton outside the template", "fetch:template's url \"" + url + "\" " + why
                    + "; the skeleton must really be inside the template's folder.", spec.range()));
            if (outside.isEmpty()) linkOnTheWay(base, skeleton).ifPresent(link -> d.error("Skeleton reached through a symbolic link",
                    "fetch:template's url \"" + url + "\" goes through " + link + ", a symbolic link; the way to the skeleton is plain folders,"
                            + " as rendering reads it without following links.", spec.range()));
        }
        return skeleton;
    }

    /** The first folder between {@code base} and {@code path} (as written) that is a symbolic link. */
    private static Optional<String> linkOnTheWay(Path base, Path path) {
        Path at = base;
        for (Path segment : base.relativize(path)) {
            at = at.resolve(segment);
            if (Files.isSymbolicLink(at)) return Optional.of(base.relativize(at).toString().replace('\\', '/'));
        }
        return Optional.empty();
    }

    /** Why {@code path} is not inside {@code base} once every symbolic link on the way is resolved, or empty when it is. */
    static Optional<String> outside(Path base, Path path) {
        try {
            Path realBase = base.toRealPath(), real = path.toRealPath();
            if (real.startsWith(realBase) && !real.equals(realBase)) return Optional.empty();
            return Optional.of("resolves to " + real + ", outside " + realBase + " (through a symbolic link)");
        } catch (java.io.IOException e) {
            return Optional.of("cannot be resolved (" + e.getMessage() + ")");
        }
    }

    private static List<Template.Link> links(Optional<YamlNode> output, Diagnostics d) {
        List<Template.Link> out = new ArrayList<>();
        output.flatMap(o -> o.field("links")).ifPresent(l -> l.items().forEach(i -> {
            String url = string(i, "url").orElse("");
            String entityRef = string(i, "entityRef").orElse("");
            if (url.isEmpty() && entityRef.isEmpty()) {
                d.error("Link without url", "each of output.links has a url (or an entityRef) and a title.", i.range());
                return;
            }
            out.add(new Template.Link(string(i, "title").orElse(url.isEmpty() ? entityRef : url), url, string(i, "icon").orElse(""), entityRef));
        }));
        return out;
    }

    private static Map<String, String> strings(Optional<YamlNode> node) {
        Map<String, String> out = new TreeMap<>();
        node.filter(YamlNode::isMapping).ifPresent(n -> n.fields().forEach((k, v) -> out.put(k, text(v.toValue()))));
        return out;
    }

    private static Optional<String> string(YamlNode n, String field) {
        return n.field(field).map(f -> text(f.toValue())).filter(s -> !s.isEmpty());
    }

    private static String text(Value v) {
        if (v instanceof StringValue s) return s.value();
        if (v == null || v.isNull()) return "";
        return v.toString();
    }

    private static SourceRange at(YamlNode n, String field) {
        return n.field(field).map(YamlNode::range).orElse(n.range());
    }
}
