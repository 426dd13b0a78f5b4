package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads one request document (Kubernetes-style YAML) into a {@link RequestConfig}. */
final class RequestReader {
    static final String API_VERSION = "platctl.dev/v1";

    private RequestReader() {
    }

    static Optional<RequestConfig> read(String file, YamlNode doc, String stack, Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        if (!doc.isMapping()) {
            d.error("Invalid request", "a request is a mapping with apiVersion, kind, metadata and spec; got " + doc.describe() + ".", doc.range());
            diags.addAll(d);
            return Optional.empty();
        }
        unknownFields(doc, ConfigLoader.REQUEST_FIELDS, "a request", d);
        String apiVersion = string(doc, "apiVersion", d).orElse("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION))
            d.error("Unsupported apiVersion \"" + apiVersion + "\"", "requests use apiVersion: " + API_VERSION + ".", doc.field("apiVersion").get().range());
        String kind = string(doc, "kind", d).orElse("");
        Optional<YamlNode> metadata = mapping(doc, "metadata", d);
        Optional<YamlNode> spec = mapping(doc, "spec", d);
        String name = "", team = stack;
        Optional<String> namespace = Optional.empty();
        Optional<ConnectionSecretRef> connectionSecretRef = Optional.empty();
        Optional<GoldenPathRef> goldenPath = Optional.empty();
        Map<String, String> labels = new TreeMap<>();
        if (metadata.isPresent()) {
            YamlNode m = metadata.get();
            unknownFields(m, ConfigLoader.METADATA_FIELDS, "metadata", d);
            name = string(m, "name", d).orElse("");
            if (!name.isEmpty() && !ConfigLoader.validRequestName(name))
                d.error("Invalid request name \"" + name + "\"", "metadata.name is a DNS label: lower-case letters, digits and -, starting and ending with a letter or digit, at most 63 characters.",
                        m.field("name").get().range());
            team = m.field("team").map(t -> t.scalar() instanceof StringValue s ? s.value() : null).orElse(stack);
            namespace = optionalString(m, "namespace", "metadata.namespace", d);
            m.field("labels").ifPresent(l -> {
                if (!l.isMapping()) {
                    d.error("Invalid metadata.labels", "labels are a mapping of strings; got " + l.describe() + ".", l.range());
                    return;
                }
                l.fields().forEach((k, v) -> labels.put(k, v.toValue() instanceof StringValue s ? s.value() : String.valueOf(v.toValue())));
            });
        }
        String moduleName = "";
        VersionConstraint version = VersionConstraint.any();
        SourceRange moduleRange = doc.range();
        Map<String, Value> params = new TreeMap<>();
        Map<String, SourceRange> paramRanges = new HashMap<>();
        if (spec.isPresent()) {
            YamlNode s = spec.get();
            unknownFields(s, ConfigLoader.SPEC_FIELDS, "spec", d);
            Optional<String> module = string(s, "module", d);
            if (module.isPresent()) {
                moduleRange = s.field("module").get().range();
                String text = module.get();
                int at = text.indexOf('@');
                moduleName = at < 0 ? text : text.substring(0, at);
                if (at >= 0) {
                    Optional<VersionConstraint> vc = VersionConstraint.parse(text.substring(at + 1));
                    if (vc.isEmpty())
                        d.error("Invalid module version \"" + text.substring(at + 1) + "\"", VersionConstraint.problem(text.substring(at + 1)).orElse("")
                                + " (name@1.2.0, name@^1.2).", moduleRange);
                    else version = vc.get();
                }
            }
            s.field("parameters").ifPresent(p -> {
                if (!p.isMapping()) {
                    if (!p.scalar().isNull())
                        d.error("Invalid spec.parameters", "parameters are a mapping of input names to values; got " + p.describe() + ".", p.range());
                    return;
                }
                p.fields().forEach((k, v) -> {
                    params.put(k, v.toValue());
                    paramRanges.put(k, v.keyRange() != null ? v.keyRange() : v.range());
                });
            });
            paramRanges.put("", s.field("parameters").map(YamlNode::range).orElse(s.range()));
            connectionSecretRef = s.field("writeConnectionSecretToRef").flatMap(ref -> connectionSecretRef(ref, d));
            goldenPath = s.field("goldenPath").flatMap(g -> goldenPath(g, d));
        }
        diags.addAll(d);
        if (d.hasErrors()) return Optional.empty();
        return Optional.of(new RequestConfig(file, apiVersion, kind, name, team, labels, moduleName, version, params,
                paramRanges, moduleRange, doc.range(), stack, namespace, connectionSecretRef, goldenPath));
    }

    /** {@code writeConnectionSecretToRef: {name: ..., namespace: ...}}; what it must hold is checked against the module later. */
    private static Optional<ConnectionSecretRef> connectionSecretRef(YamlNode ref, Diagnostics d) {
        SourceRange at = ref.keyRange() != null ? ref.keyRange() : ref.range();
        if (!ref.isMapping()) {
            d.error("Invalid spec.writeConnectionSecretToRef", "writeConnectionSecretToRef is a mapping with name (and namespace)"
                    + " of the Kubernetes Secret to write the connection details to; got " + ref.describe() + ".", ref.range());
            return Optional.empty();
        }
        unknownFields(ref, ConnectionSecretRef.FIELDS, "spec.writeConnectionSecretToRef", d);
        Optional<String> name = optionalString(ref, "name", "writeConnectionSecretToRef.name", d);
        Optional<String> namespace = optionalString(ref, "namespace", "writeConnectionSecretToRef.namespace", d);
        return Optional.of(new ConnectionSecretRef(name, namespace, at,
                ref.field("name").map(YamlNode::range).orElse(at), ref.field("namespace").map(YamlNode::range).orElse(at)));
    }

    /** {@code goldenPath: {name: python-microservice, version: ^1.2}}; the version there is to take is found when the workspace loads. */
    private static Optional<GoldenPathRef> goldenPath(YamlNode g, Diagnostics d) {
        SourceRange at = g.keyRange() != null ? g.keyRange() : g.range();
        int errorsBefore = d.errors().size(); // the request's other errors must not hide this record's
        if (!g.isMapping()) {
            d.error("Invalid spec.goldenPath", "goldenPath is a mapping with the golden path's name and the versions the request takes,"
                    + " e.g. {name: python-microservice, version: ^1.2}; got " + g.describe() + ".", g.range());
            return Optional.empty();
        }
        unknownFields(g, GoldenPathRef.FIELDS, "spec.goldenPath", d);
        Optional<String> name = optionalString(g, "name", "goldenPath.name", d);
        Optional<String> version = optionalString(g, "version", "goldenPath.version", d);
        if (name.isEmpty() || name.get().isBlank())
            d.error("Missing goldenPath.name", "goldenPath names the golden path that scaffolded the service, e.g. name: python-microservice.", at);
        if (version.isEmpty())
            d.error("Missing goldenPath.version", "goldenPath says which versions of the golden path the service takes: 1.2.0, ^1.2 (any 1.x from"
                    + " 1.2.0: new versions roll out) or ~1.2 (1.2.x).", at);
        if (name.isPresent() && !name.get().isBlank() && !GoldenPaths.NAME.matcher(name.get()).matches())
            d.error("Invalid goldenPath.name \"" + name.get() + "\"", "a golden path is named by its folder in " + GoldenPaths.FOLDER
                    + "/: lower-case letters, digits and '-', e.g. python-microservice; never a path.", g.field("name").map(YamlNode::range).orElse(at));
        if (name.isEmpty() || version.isEmpty() || d.errors().size() > errorsBefore) return Optional.empty();
        SourceRange versionAt = g.field("version").map(YamlNode::range).orElse(at);
        Optional<VersionConstraint> vc = VersionConstraint.parse(version.get());
        if (vc.isEmpty()) {
            d.error("Invalid goldenPath.version \"" + version.get() + "\"", VersionConstraint.problem(version.get()).orElse("") + ".", versionAt);
            return Optional.empty();
        }
        if (!vc.get().isBounded()) {
            d.error("Invalid goldenPath.version \"" + version.get() + "\"", "a range without an upper bound would take every future major version"
                    + " of the golden path, whose skeleton may change in ways the service does not expect; bound it: ^1.2 takes every 1.x from"
                    + " 1.2.0, ~1.2 every 1.2.x.", versionAt);
            return Optional.empty();
        }
        return Optional.of(new GoldenPathRef(name.get(), vc.get(), at, versionAt, Optional.empty()));
    }

    /** A string field that may be left out; a non-string value is an error. */
    private static Optional<String> optionalString(YamlNode n, String field, String what, Diagnostics d) {
        Optional<YamlNode> f = n.field(field);
        if (f.isEmpty() || f.get().kind() == YamlNode.Kind.SCALAR && f.get().scalar().isNull()) return Optional.empty();
        if (f.get().kind() != YamlNode.Kind.SCALAR || !(f.get().scalar() instanceof StringValue s)) {
            d.error("Invalid " + what, what + " is a string; got " + f.get().describe() + ".", f.get().range());
            return Optional.empty();
        }
        return Optional.of(s.value());
    }

    private static void unknownFields(YamlNode n, List<String> allowed, String what, Diagnostics d) {
        n.fields().forEach((k, v) -> {
            if (!allowed.contains(k))
                d.error("Unknown field \"" + k + "\" in " + what, what + " has the fields " + String.join(", ", allowed) + "."
                        + Suggestions.didYouMean(k, allowed), v.keyRange() != null ? v.keyRange() : v.range());
        });
    }

    private static Optional<String> string(YamlNode n, String field, Diagnostics d) {
        Optional<YamlNode> f = n.field(field);
        if (f.isEmpty() || f.get().scalar().isNull() && f.get().kind() == YamlNode.Kind.SCALAR) {
            d.error("Missing " + field, "a request sets " + field + ".", n.range());
            return Optional.empty();
        }
        if (!(f.get().scalar() instanceof StringValue s) || f.get().kind() != YamlNode.Kind.SCALAR) {
            d.error("Invalid " + field, field + " is a string; got " + f.get().describe() + ".", f.get().range());
            return Optional.empty();
        }
        return Optional.of(s.value());
    }

    private static Optional<YamlNode> mapping(YamlNode n, String field, Diagnostics d) {
        Optional<YamlNode> f = n.field(field);
        if (f.isEmpty()) {
            d.error("Missing " + field, "a request has a " + field + " mapping.", n.range());
            return Optional.empty();
        }
        if (!f.get().isMapping()) {
            d.error("Invalid " + field, field + " is a mapping; got " + f.get().describe() + ".", f.get().range());
            return Optional.empty();
        }
        return f;
    }
}
