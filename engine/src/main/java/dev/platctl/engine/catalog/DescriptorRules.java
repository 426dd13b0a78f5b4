package dev.platctl.engine.catalog;

import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.entity.EntityRef;
import dev.platctl.engine.value.StringValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backstage's rules for one entity descriptor: the envelope, the fields each kind requires, names,
 * namespaces, tags, label and annotation keys, links and entity references, each problem at its line.
 */
public final class DescriptorRules {
    static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$");
    static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    static final Pattern API_VERSION = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z0-9]+$");

    /** The spec fields each kind must have, as Backstage's kind schemas require them. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "Component", List.of("type", "lifecycle", "owner"),
            "Resource", List.of("type", "owner"),
            "API", List.of("type", "lifecycle", "owner", "definition"),
            "System", List.of("owner"),
            "Domain", List.of("owner"),
            "Group", List.of("type", "children"),
            "User", List.of("memberOf"),
            "Location", List.of());
    private static final List<String> LIST_FIELDS = List.of("children", "memberOf");
    private static final List<String> REFERENCE_FIELDS = List.of("owner", "system", "domain", "subcomponentOf", "parent", "partOf");
    private static final List<String> REFERENCE_LISTS = List.of("dependsOn", "dependencyOf", "providesApis", "consumesApis",
            "children", "memberOf", "members");

    private DescriptorRules() {
    }

    /** Checks one document; returns the entity's kind and name when the envelope is readable. */
    public static Optional<String> check(YamlNode doc, Diagnostics d) {
        if (!doc.isMapping()) {
            d.error("Invalid entity", "an entity descriptor is a mapping with apiVersion, kind, metadata and spec; got " + doc.describe() + ".", doc.range());
            return Optional.empty();
        }
        Optional<String> apiVersion = requiredString(doc, "apiVersion", "the entity", d);
        apiVersion.filter(v -> !API_VERSION.matcher(v).matches()).ifPresent(v -> d.error("Invalid apiVersion \"" + v + "\"",
                "apiVersion is group/version, e.g. backstage.io/v1alpha1.", doc.field("apiVersion").get().range()));
        Optional<String> kind = requiredString(doc, "kind", "the entity", d);
        kind.filter(k -> !EntityRef.KIND.matcher(k).matches()).ifPresent(k -> d.error("Invalid kind \"" + k + "\"",
                "kind is a word of letters and digits, e.g. Component.", doc.field("kind").get().range()));
        Optional<YamlNode> metadata = doc.field("metadata");
        Optional<String> name = Optional.empty();
        if (metadata.isEmpty()) d.error("Missing metadata", "every entity has metadata with at least a name.", doc.range());
        else if (!metadata.get().isMapping()) d.error("Invalid metadata", "metadata is a mapping; got " + metadata.get().describe() + ".", metadata.get().range());
        else name = metadata(metadata.get(), d);
        Optional<YamlNode> spec = doc.field("spec").filter(n -> !(n.kind() == YamlNode.Kind.SCALAR && n.scalar().isNull()));
        List<String> required = kind.map(REQUIRED::get).orElse(null);
        if (spec.isEmpty()) {
            if (required != null && !required.isEmpty())
                d.error("Missing spec", "a " + kind.get() + " needs spec with " + String.join(", ", required) + ".", doc.range());
        } else if (!spec.get().isMapping()) {
            d.error("Invalid spec", "spec is a mapping; got " + spec.get().describe() + ".", spec.get().range());
        } else {
            spec(kind.orElse(""), required == null ? List.of() : required, spec.get(), d);
        }
        return kind.isPresent() && name.isPresent() ? Optional.of(kind.get() + ":" + name.get()) : Optional.empty();
    }

    private static Optional<String> metadata(YamlNode m, Diagnostics d) {
        Optional<String> name = requiredString(m, "name", "metadata", d);
        name.ifPresent(n -> EntityRef.nameProblem(n).ifPresent(p -> d.error("Invalid metadata.name", "metadata.name " + p + ".", m.field("name").get().range())));
        m.field("namespace").ifPresent(ns -> {
            String v = string(ns).orElse("");
            if (v.isEmpty() || v.length() > 63 || !EntityRef.NAMESPACE.matcher(v).matches())
                d.error("Invalid metadata.namespace", "the namespace \"" + v + "\" must be a DNS label: lower-case letters, digits and '-', 1 to 63 characters.", ns.range());
        });
        for (String f : List.of("title", "description"))
            m.field(f).filter(x -> string(x).isEmpty()).ifPresent(x -> d.error("Invalid metadata." + f, "metadata." + f + " is a string; got " + x.describe() + ".", x.range()));
        m.field("tags").ifPresent(tags -> {
            if (tags.kind() != YamlNode.Kind.SEQUENCE) {
                d.error("Invalid metadata.tags", "tags are a list of strings; got " + tags.describe() + ".", tags.range());
                return;
            }
            for (YamlNode t : tags.items()) {
                String v = string(t).orElse("");
                if (v.isEmpty() || v.length() > 63 || !TAG.matcher(v).matches())
                    d.error("Invalid tag \"" + v + "\"", "tags are 1 to 63 characters of lower-case letters, digits and ':+#', in words joined by '-'.", t.range());
            }
        });
        for (String f : List.of("labels", "annotations")) m.field(f).ifPresent(map -> keyValues(f, map, d));
        m.field("links").ifPresent(links -> {
            if (links.kind() != YamlNode.Kind.SEQUENCE) {
                d.error("Invalid metadata.links", "links are a list of {url, title, icon}; got " + links.describe() + ".", links.range());
                return;
            }
            for (YamlNode l : links.items())
                if (!l.isMapping() || l.field("url").flatMap(DescriptorRules::string).isEmpty())
                    d.error("Invalid link", "every link has a url (a string).", l.range());
        });
        return name;
    }

    private static void keyValues(String what, YamlNode map, Diagnostics d) {
        if (!map.isMapping()) {
            d.error("Invalid metadata." + what, what + " are a mapping of strings; got " + map.describe() + ".", map.range());
            return;
        }
        map.fields().forEach((k, v) -> {
            keyProblem(k).ifPresent(p -> d.error("Invalid " + what.substring(0, what.length() - 1) + " key \"" + k + "\"", p + ".", v.keyRange() != null ? v.keyRange() : v.range()));
            Optional<String> value = string(v);
            if (value.isEmpty()) d.error("Invalid value of " + what.substring(0, what.length() - 1) + " \"" + k + "\"", "values are strings; got " + v.describe() + ".", v.range());
            else if (what.equals("labels") && !value.get().isEmpty() && (value.get().length() > 63 || !EntityRef.NAME.matcher(value.get()).matches()))
                d.error("Invalid value of label \"" + k + "\"", "label values are at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.", v.range());
        });
    }

    /** Label and annotation keys are {@code [prefix/]name}: a DNS subdomain prefix of at most 253 characters and an entity-name-like name. */
    static Optional<String> keyProblem(String key) {
        int slash = key.indexOf('/');
        if (slash != key.lastIndexOf('/')) return Optional.of("a key has at most one '/'");
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())
                return Optional.of("the prefix \"" + prefix + "\" must be a DNS subdomain (lower-case, at most 253 characters), e.g. backstage.io");
        }
        return EntityRef.nameProblem(name).map(p -> "the name part " + p);
    }

    private static void spec(String kind, List<String> required, YamlNode spec, Diagnostics d) {
        for (String f : required) {
            Optional<YamlNode> v = spec.field(f);
            if (v.isEmpty()) {
                d.error("Missing spec." + f, "a " + kind + " needs spec." + f + " (required: " + String.join(", ", required) + ").", spec.range());
            } else if (LIST_FIELDS.contains(f)) {
                if (v.get().kind() != YamlNode.Kind.SEQUENCE)
                    d.error("Invalid spec." + f, "spec." + f + " is a list of entity references; got " + v.get().describe() + ".", v.get().range());
            } else if (!f.equals("definition") && string(v.get()).filter(s -> !s.isEmpty()).isEmpty()) {
                d.error("Invalid spec." + f, "spec." + f + " is a non-empty string; got " + v.get().describe() + ".", v.get().range());
            }
        }
        for (String f : REFERENCE_FIELDS) spec.field(f).flatMap(DescriptorRules::string).ifPresent(s -> reference(f, s, spec.field(f).get(), d));
        for (String f : REFERENCE_LISTS)
            spec.field(f).filter(n -> n.kind() == YamlNode.Kind.SEQUENCE).ifPresent(list -> {
                for (YamlNode i : list.items()) {
                    Optional<String> s = string(i);
                    if (s.isEmpty()) d.error("Invalid entity reference in spec." + f, "references are strings; got " + i.describe() + ".", i.range());
                    else reference(f, s.get(), i, d);
                }
            });
    }

    private static void reference(String field, String text, YamlNode at, Diagnostics d) {
        EntityRef.parse(text).problem().ifPresent(p -> d.error("Invalid entity reference in spec." + field, p + ".", at.range()));
    }

    private static Optional<String> requiredString(YamlNode n, String field, String where, Diagnostics d) {
        Optional<YamlNode> f = n.field(field);
        if (f.isEmpty()) {
            d.error("Missing " + field, where + " has no " + field + ".", n.range());
            return Optional.empty();
        }
        Optional<String> s = string(f.get()).filter(x -> !x.isEmpty());
        if (s.isEmpty()) d.error("Invalid " + field, field + " is a non-empty string; got " + f.get().describe() + ".", f.get().range());
        return s;
    }

    private static Optional<String> string(YamlNode n) {
        return n.kind() == YamlNode.Kind.SCALAR && n.scalar() instanceof StringValue s ? Optional.of(s.value()) : Optional.empty();
    }
}
