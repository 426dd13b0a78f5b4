package dev.platctl.engine.catalog;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.GoldenPathRef;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.ParameterValues;
import dev.platctl.engine.goldenpath.SkeletonRenderer;
import dev.platctl.engine.goldenpath.StepOutputs;
import dev.platctl.engine.goldenpath.Template;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service catalog as state knows it: a component per Service request, and a resource per database, bucket or
 * queue in state (one request's, or a Service's own), each with what the configuration says about its owner and links,
 * and with {@code dependsOn} following the requests' {@code spec.dependsOn} and the references between resources.
 */
public final class Catalog {
    public static final String SERVICE_KIND = "Service";
    private static final Map<String, String> RESOURCE_TYPES = Map.of(
            "aws_db_instance", "database", "aws_rds_cluster", "database", "postgresql_database", "database",
            "aws_s3_bucket", "bucket", "aws_sqs_queue", "queue");
    private static final Map<String, String> KIND_WORDS = new LinkedHashMap<>(Map.of(
            "database", "database", "postgres", "database", "mysql", "database", "bucket", "bucket", "queue", "queue"));

    private final List<CatalogEntry> entries;
    private final Diagnostics warnings;

    private Catalog(List<CatalogEntry> entries, Diagnostics warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = warnings;
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    /** What the catalog could not say as the configuration does: entities named by their whole address, a dependsOn without an entity. */
    public Diagnostics warnings() {
        return new Diagnostics().addAll(warnings);
    }

    public Optional<CatalogEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public List<CatalogEntry> search(String text) {
        return entries.stream().filter(e -> e.matches(text)).toList();
    }

    /** What one request contributes: its component or whole-request resource, and its resources' own entries. */
    private record Planned(String request, String name, boolean component, String type, Optional<ResourceState> resource) {
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
        List<Planned> planned = new ArrayList<>();
        for (Map.Entry<String, List<ResourceState>> e : byRequest.entrySet()) planned.addAll(plan(e.getKey(), e.getValue(), cfg));
        Diagnostics warnings = new Diagnostics();
        planned = unique(planned, warnings);
        Map<String, List<String>> entitiesOfRequest = new HashMap<>();
        Map<ResourceAddress, String> entityOfAddress = new HashMap<>();
        for (Planned p : planned) {
            entitiesOfRequest.computeIfAbsent(p.request(), k -> new ArrayList<>()).add(p.name());
            p.resource().ifPresent(r -> entityOfAddress.put(r.address(), p.name()));
        }
        Links links = new Links();
        List<CatalogEntry> out = new ArrayList<>();
        for (Planned p : planned)
            out.add(entry(p, planned, byRequest.get(p.request()), stackOf.get(p.request()), cfg, entitiesOfRequest, entityOfAddress, links, warnings));
        out.sort(Comparator.comparing(CatalogEntry::name));
        return new Catalog(out, warnings);
    }

    /**
     * Every entity named once. Names come from addresses alone ({@link EntityName}), so they can meet only inside one
     * request: resources of one short name and different types (a bucket and a queue both named {@code jobs}, or two
     * main resources). Each of those is named by its whole address instead, with a warning. What still meets (a hash
     * that two addresses share) ends with a longer hash of each one's address. No name depends on the order of the
     * entries, and none on another request.
     */
    private static List<Planned> unique(List<Planned> planned, Diagnostics warnings) {
        List<Planned> out = renameClashing(planned, (p, name) -> {
            if (p.resource().isEmpty()) return name;
            return EntityName.full(p.resource().get().address());
        }, (name, members) -> warnings.warning("Catalog entities named by their whole addresses", "the entities of " + addresses(members)
                + " would all be named " + name + "; each is named after its whole address instead. Give the resources distinct names"
                + " to keep them short.", null));
        return renameClashing(out, (p, name) -> EntityName.hashed(name, p.resource().map(r -> r.address().toString())
                        .orElse("request " + p.request()), 16),
                (name, members) -> warnings.warning("Catalog entities named with a longer hash", "the entities of " + addresses(members)
                        + " would all be named " + name + "; each ends with a longer hash of its address instead.", null));
    }

    /** {@code planned} with every member of a group of one name renamed by {@code rename} (the group reported once). */
    private static List<Planned> renameClashing(List<Planned> planned, java.util.function.BiFunction<Planned, String, String> rename,
                                                java.util.function.BiConsumer<String, List<Planned>> report) {
        Map<String, List<Planned>> byName = new TreeMap<>();
        for (Planned p : planned) byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        List<Planned> out = new ArrayList<>();
        for (Planned p : planned) {
            List<Planned> group = byName.get(p.name());
            if (group.size() == 1) {
                out.add(p);
                continue;
            }
            if (group.get(0) == p) report.accept(p.name(), group);
            out.add(new Planned(p.request(), rename.apply(p, p.name()), p.component(), p.type(), p.resource()));
        }
        return out;
    }

    private static String addresses(List<Planned> members) {
        return String.join(", ", members.stream().map(m -> m.resource().map(r -> r.address().toString()).orElse("request " + m.request())).toList());
    }

    /**
     * A Service request is a component named after it. Each database, bucket and queue in state is a resource named by
     * {@link EntityName#of}: after the request when the resource is the module's {@code this} (its main resource; in a
     * Service, {@code <request>.this}), else {@code <request>.<resource>}; neither depends on how many the request has. A
     * request with none whose kind names a database, bucket or queue is one resource named after it.
     */
    private static List<Planned> plan(String request, List<ResourceState> resources, Configuration cfg) {
        String kind = cfg.request(request).map(RequestConfig::kind).orElse("");
        List<ResourceState> own = resources.stream().filter(r -> RESOURCE_TYPES.containsKey(r.type()))
                .sorted(Comparator.comparing(ResourceState::address)).toList();
        List<Planned> out = new ArrayList<>();
        boolean service = kind.equals(SERVICE_KIND);
        if (service) out.add(new Planned(request, request, true, "service", Optional.empty()));
        // a Service's component has the request's name, so its main resource is <request>.this
        for (ResourceState r : own)
            out.add(new Planned(request, EntityName.of(r.address(), !service), false, RESOURCE_TYPES.get(r.type()), Optional.of(r)));
        if (!service && own.isEmpty()) {
            String k = kind.toLowerCase();
            KIND_WORDS.entrySet().stream().filter(w -> k.contains(w.getKey())).map(Map.Entry::getValue).findFirst()
                    .ifPresent(type -> out.add(new Planned(request, request, false, type, Optional.empty())));
        }
        return out;
    }

    private static CatalogEntry entry(Planned p, List<Planned> planned, List<ResourceState> resources, String stack, Configuration cfg,
                                      Map<String, List<String>> entitiesOfRequest, Map<ResourceAddress, String> entityOfAddress, Links linkSource,
                                      Diagnostics warnings) {
        Optional<RequestConfig> req = cfg.request(p.request());
        Map<String, Value> params = req.map(RequestConfig::parameters).orElse(Map.of());
        Map<String, String> labels = req.map(RequestConfig::labels).orElse(Map.of());
        Optional<YamlNode> doc = req.flatMap(r -> document(r, cfg));
        Map<String, String> annotations = strings(doc.flatMap(d -> d.field("metadata")).flatMap(m -> m.field("annotations")));
        String owner = req.map(RequestConfig::team).orElse(stack);
        String lifecycle = Optional.ofNullable(labels.get("lifecycle")).or(() -> text(params.get("lifecycle"))).orElse("production");
        String description = p.component() || p.resource().isEmpty() ? text(params.get("description")).orElse("") : "";
        Map<String, String> links = new LinkedHashMap<>();
        if (p.component()) {
            Optional<ResourceState> repository = resources.stream().filter(r -> r.type().equals("github_repository")).findFirst();
            Optional<String> repo = Optional.ofNullable(annotations.get("platctl.dev/repo"))
                    .or(() -> repository.flatMap(r -> text(r.attributes().getOrNull("html_url"))))
                    .or(() -> text(params.get("githubOrg")).map(org -> "https://github.com/" + org + "/" + text(params.get("name")).orElse(p.request())));
            repo.ifPresent(r -> links.put("repo", r));
            String branch = repository.flatMap(r -> text(r.attributes().getOrNull("default_branch"))).orElse("main");
            Optional.ofNullable(annotations.get("platctl.dev/runbook")).or(() -> repo.map(r -> r + "/blob/" + branch + "/docs/runbook.md"))
                    .ifPresent(r -> links.put("runbook", r));
        } else {
            Optional.ofNullable(annotations.get("platctl.dev/repo")).ifPresent(r -> links.put("repo", r));
            Optional.ofNullable(annotations.get("platctl.dev/runbook")).ifPresent(r -> links.put("runbook", r));
        }
        Optional.ofNullable(annotations.get("platctl.dev/dashboard")).ifPresent(r -> links.put("dashboard", r));
        if (p.component()) linkSource.of(req, cfg).forEach((title, url) -> {
            if (!links.containsValue(url)) links.putIfAbsent(title, url);
        });

        Set<String> deps = new LinkedHashSet<>();
        boolean wholeRequest = p.component() || p.resource().isEmpty() || planned.stream().filter(x -> x.request().equals(p.request())).count() == 1;
        if (wholeRequest)
            doc.flatMap(d -> d.field("spec")).flatMap(s -> s.field("dependsOn")).ifPresent(list -> list.items().forEach(i ->
                    text(i.toValue()).ifPresent(n -> {
                        List<String> entities = entitiesOfRequest.getOrDefault(n, List.of());
                        if (entities.isEmpty())
                            warnings.warning("dependsOn " + n + " of " + p.name() + " left out", "request " + p.request() + " depends on " + n
                                    + cfg.request(n).map(r -> ", a " + r.kind() + ",").orElse("") + " which has no catalog entity (only services,"
                                    + " databases, buckets and queues are entities); a reference to it would name nothing.", null);
                        deps.addAll(entities);
                    })));
        List<ResourceState> from = wholeRequest ? resources : List.of(p.resource().get());
        for (ResourceState r : from)
            for (ResourceAddress dep : r.dependencies()) {
                String entity = entityOfAddress.get(dep);
                if (dep.request().equals(p.request()) && entity == null) continue;
                if (entity != null) deps.add(entity);
                else deps.addAll(entitiesOfRequest.getOrDefault(dep.request(), List.of()));
            }
        if (p.component())
            planned.stream().filter(x -> x.request().equals(p.request()) && !x.component()).forEach(x -> deps.add(x.name()));
        deps.remove(p.name());

        Optional<String> goldenPath = req.flatMap(RequestConfig::goldenPath).map(GoldenPathRef::toString);
        String module = p.resource().map(ResourceState::module).filter(m -> !m.isEmpty())
                .or(() -> resources.stream().map(ResourceState::module).filter(m -> !m.isEmpty()).findFirst())
                .orElse(req.map(RequestConfig::moduleName).orElse(""));
        return new CatalogEntry(p.name(), p.component() ? CatalogEntry.COMPONENT : CatalogEntry.RESOURCE, p.type(), owner, lifecycle, description,
                module, goldenPath, stack, p.request(), p.resource().map(r -> r.address().toString()), links, List.copyOf(deps),
                p.resource().isPresent() ? 1 : resources.size());
    }

    /**
     * A service's links from its golden path's {@code output.links}, rendered with the request's parameters; each golden
     * path version read once, and one renderer for them all.
     */
    private static final class Links {
        private final Map<String, Optional<Template>> templates = new HashMap<>();
        private final SkeletonRenderer renderer = new SkeletonRenderer();

        Map<String, String> of(Optional<RequestConfig> req, Configuration cfg) {
            if (req.isEmpty() || req.get().goldenPath().flatMap(GoldenPathRef::resolved).isEmpty()) return Map.of();
            GoldenPathRef g = req.get().goldenPath().get();
            ModuleConfig m = cfg.moduleOfRequest().get(req.get().name());
            if (m == null) return Map.of();
            Optional<Template> t = templates.computeIfAbsent(m.dir() + "\0" + g, k -> {
                try {
                    return Optional.of(GoldenPaths.load(m.dir(), g.name(), g.resolved().get().toString()));
                } catch (RuntimeException e) {
                    return Optional.empty(); // the plan reports a broken golden path; the catalog shows what it can
                }
            });
            if (t.isEmpty()) return Map.of();
            Map<String, String> out = new LinkedHashMap<>();
            for (Template.Link l : StepOutputs.links(t.get(), ParameterValues.withDefaults(t.get(), req.get().parameters()), renderer, new Diagnostics()))
                if (l.url().startsWith("https://") || l.url().startsWith("http://")) out.putIfAbsent(l.title(), l.url());
            return out;
        }
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
