package dev.platctl.engine.catalog;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The service catalog as state knows it: every Service request and every request that made a database, bucket
 * or queue, with what the configuration says about its owner and links.
 */
public final class Catalog {
    public static final String SERVICE_KIND = "Service";
    private static final Map<String, String> RESOURCE_TYPES = Map.of(
            "aws_db_instance", "database", "aws_rds_cluster", "database", "postgresql_database", "database",
            "aws_s3_bucket", "bucket", "aws_sqs_queue", "queue");
    private static final Map<String, String> KIND_WORDS = new LinkedHashMap<>(Map.of(
            "database", "database", "postgres", "database", "mysql", "database", "bucket", "bucket", "queue", "queue"));

    private final List<CatalogEntry> entries;

    private Catalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    public Optional<CatalogEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public List<CatalogEntry> search(String text) {
        return entries.stream().filter(e -> e.matches(text)).toList();
    }

    /** Builds the catalog from the stacks' state, joined with the requests of the configuration. */
    public static Catalog of(Configuration cfg, List<StackState> stacks) {
        Map<String, List<ResourceState>> byRequest = new TreeMap<>();
        Map<String, String> stackOf = new TreeMap<>();
        for (StackState st : stacks)
            for (ResourceState r : st.resources().values()) {
                byRequest.computeIfAbsent(r.address().request(), k -> new ArrayList<>()).add(r);
                stackOf.put(r.address().request(), st.stack());
            }
        List<CatalogEntry> out = new ArrayList<>();
        for (Map.Entry<String, List<ResourceState>> e : byRequest.entrySet()) {
            Optional<RequestConfig> req = cfg.request(e.getKey());
            String kind = req.map(RequestConfig::kind).orElse("");
            Optional<String> resourceType = resourceType(kind, e.getValue());
            boolean service = kind.equals(SERVICE_KIND);
            if (!service && resourceType.isEmpty()) continue;
            out.add(entry(e.getKey(), service, resourceType.orElse(""), req, e.getValue(), stackOf.get(e.getKey()), cfg, byRequest.keySet()));
        }
        return new Catalog(out);
    }

    private static CatalogEntry entry(String name, boolean service, String resourceType, Optional<RequestConfig> req,
                                      List<ResourceState> resources, String stack, Configuration cfg, Set<String> known) {
        Map<String, Value> params = req.map(RequestConfig::parameters).orElse(Map.of());
        Map<String, String> labels = req.map(RequestConfig::labels).orElse(Map.of());
        Optional<YamlNode> doc = req.flatMap(r -> document(r, cfg));
        Map<String, String> annotations = strings(doc.flatMap(d -> d.field("metadata")).flatMap(m -> m.field("annotations")));
        String owner = req.map(RequestConfig::team).orElse(stack);
        String lifecycle = Optional.ofNullable(labels.get("lifecycle")).or(() -> text(params.get("lifecycle"))).orElse("production");
        String description = text(params.get("description")).orElse("");
        Map<String, String> links = new LinkedHashMap<>();
        Optional<String> repo = Optional.ofNullable(annotations.get("platctl.dev/repo"))
                .or(() -> attribute(resources, "github_repository", "html_url"))
                .or(() -> service ? text(params.get("githubOrg")).map(org -> "https://github.com/" + org + "/" + text(params.get("name")).orElse(name)) : Optional.empty());
        repo.ifPresent(r -> links.put("repo", r));
        Optional.ofNullable(annotations.get("platctl.dev/runbook"))
                .or(() -> service ? repo.map(r -> r + "/blob/main/docs/runbook.md") : Optional.empty())
                .ifPresent(r -> links.put("runbook", r));
        Optional.ofNullable(annotations.get("platctl.dev/dashboard")).ifPresent(r -> links.put("dashboard", r));
        Set<String> deps = new TreeSet<>();
        doc.flatMap(d -> d.field("spec")).flatMap(s -> s.field("dependsOn")).ifPresent(list -> list.items().forEach(i ->
                text(i.toValue()).ifPresent(deps::add)));
        for (ResourceState r : resources)
            for (ResourceAddress dep : r.dependencies())
                if (!dep.request().equals(name) && known.contains(dep.request())) deps.add(dep.request());
        Optional<String> goldenPath = doc.flatMap(d -> d.field("spec")).flatMap(s -> s.field("goldenPath")).map(g ->
                text(g.field("name").map(YamlNode::toValue).orElse(Value.NULL)).orElse("?") + "@"
                        + text(g.field("version").map(YamlNode::toValue).orElse(Value.NULL)).orElse("?"));
        String module = resources.stream().map(ResourceState::module).filter(m -> !m.isEmpty()).findFirst()
                .orElse(req.map(r -> r.moduleName()).orElse(""));
        return new CatalogEntry(name, service ? CatalogEntry.COMPONENT : CatalogEntry.RESOURCE, service ? "service" : resourceType,
                owner, lifecycle, description, module, goldenPath, stack, links, List.copyOf(deps), resources.size());
    }

    private static Optional<String> resourceType(String kind, List<ResourceState> resources) {
        for (ResourceState r : resources) {
            String t = RESOURCE_TYPES.get(r.type());
            if (t != null) return Optional.of(t);
        }
        String k = kind.toLowerCase();
        return KIND_WORDS.entrySet().stream().filter(w -> k.contains(w.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static Optional<String> attribute(List<ResourceState> resources, String type, String attr) {
        return resources.stream().filter(r -> r.type().equals(type)).map(r -> r.attributes().getOrNull(attr))
                .flatMap(v -> text(v).stream()).findFirst();
    }

    private static Optional<YamlNode> document(RequestConfig r, Configuration cfg) {
        String text = cfg.sources().get(r.file());
        if (text == null) return Optional.empty();
        return YamlReader.read(r.file(), text, new Diagnostics()).stream()
                .filter(d -> d.field("metadata").flatMap(m -> m.field("name")).map(n -> n.scalar().equals(Value.of(r.name()))).orElse(false))
                .findFirst();
    }

    private static Map<String, String> strings(Optional<YamlNode> map) {
        Map<String, String> out = new TreeMap<>();
        map.filter(YamlNode::isMapping).ifPresent(m -> m.fields().forEach((k, v) -> text(v.toValue()).ifPresent(s -> out.put(k, s))));
        return out;
    }

    private static Optional<String> text(Value v) {
        if (v == null || v.isNull()) return Optional.empty();
        Value plain = v.unmarked();
        if (v.containsSensitive()) return Optional.empty();
        return Optional.of(plain instanceof StringValue s ? s.value() : plain.toString());
    }
}
