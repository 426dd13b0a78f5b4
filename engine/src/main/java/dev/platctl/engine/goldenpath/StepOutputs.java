package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.entity.EntityRef;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a golden path's steps hand to {@code output.links} in platctl, where the module, not the step, makes the
 * repository: a repository step's {@code remoteUrl} and {@code repoContentsUrl} (from its {@code repoUrl}), and
 * {@code catalog:register}'s {@code entityRef} and {@code catalogInfoUrl} (from the skeleton's descriptor). The
 * links are rendered with them as Backstage would show them after scaffolding.
 */
public final class StepOutputs {
    private StepOutputs() {
    }

    /** The template's links rendered with these parameters; a link that does not render is left out and reported. */
    public static List<Template.Link> links(Template t, ObjectValue parameters, Diagnostics d) {
        return links(t, parameters, new SkeletonRenderer(), d);
    }

    /** As {@link #links(Template, ObjectValue, Diagnostics)}, with a renderer made once for many. */
    public static List<Template.Link> links(Template t, ObjectValue parameters, SkeletonRenderer r, Diagnostics d) {
        Map<String, Object> ctx = new LinkedHashMap<>(r.context(t, parameters, d));
        ctx.put("steps", outputs(t, ctx, r, d));
        List<Template.Link> out = new ArrayList<>();
        for (Template.Link l : t.links()) {
            Diagnostics mine = new Diagnostics();
            String file = t.dir().resolve(GoldenPaths.FILE).toString();
            Optional<String> title = r.render(l.title(), ctx, file, mine);
            Optional<String> url = r.render(l.url(), ctx, file, mine);
            Optional<String> ref = r.render(l.entityRef(), ctx, file, mine);
            if (mine.hasErrors()) {
                d.warning("Link \"" + l.title() + "\" left out", mine.errors().get(0).detail(), null);
                continue;
            }
            out.add(new Template.Link(title.orElse(""), url.orElse(""), l.icon(), ref.orElse("")));
        }
        return out;
    }

    /** {@code steps.<id>.output} for every step, in order, each step's input rendered with the outputs before it. */
    static Map<String, Object> outputs(Template t, Map<String, Object> ctx, SkeletonRenderer r, Diagnostics d) {
        Map<String, Object> steps = new LinkedHashMap<>();
        Map<String, Object> withSteps = new LinkedHashMap<>(ctx);
        withSteps.put("steps", steps);
        for (TemplateStep step : t.steps()) {
            Optional<StepAction> action = StepAction.of(step.action());
            if (action.isEmpty() || action.get() == StepAction.PLATCTL_REQUEST_CREATE || action.get() == StepAction.FETCH_TEMPLATE) continue;
            Diagnostics mine = new Diagnostics();
            Value input = r.renderInput(step.input(), withSteps, t.dir().resolve(GoldenPaths.FILE).toString(), mine);
            if (mine.hasErrors() || !(input instanceof ObjectValue in)) continue;
            Map<String, Object> output = new LinkedHashMap<>();
            if (action.get().publishes()) {
                Optional<String> remote = remoteUrl(text(in.getOrNull("repoUrl")));
                if (remote.isEmpty()) {
                    d.error("Invalid repoUrl of step \"" + step.id() + "\"", "repoUrl renders to \"" + text(in.getOrNull("repoUrl"))
                            + "\"; Backstage's form is github.com?owner=<organisation>&repo=<name>.", step.at("repoUrl"));
                    continue;
                }
                output.put("remoteUrl", remote.get());
                output.put("repoContentsUrl", remote.get() + "/blob/" + Optional.of(text(in.getOrNull("defaultBranch"))).filter(b -> !b.isEmpty()).orElse("main"));
            } else if (action.get() == StepAction.CATALOG_REGISTER) {
                String path = Optional.of(text(in.getOrNull("catalogInfoPath"))).filter(p -> !p.isEmpty()).orElse("/catalog-info.yaml");
                entityRef(t, r, ctx, path.startsWith("/") ? path.substring(1) : path, d).ifPresent(e -> output.put("entityRef", e));
                String contents = text(in.getOrNull("repoContentsUrl"));
                if (!contents.isEmpty()) output.put("catalogInfoUrl", contents + (path.startsWith("/") ? path : "/" + path));
            }
            steps.put(step.id(), Map.of("output", output));
        }
        return steps;
    }

    /** {@code https://<host>/<owner>/<repo>} from Backstage's {@code <host>?owner=<owner>&repo=<repo>}. */
    static Optional<String> remoteUrl(String repoUrl) {
        int q = repoUrl.indexOf('?');
        if (q <= 0) return Optional.empty();
        String host = repoUrl.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : repoUrl.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String owner = query.getOrDefault("owner", ""), repo = query.getOrDefault("repo", "");
        if (!host.matches("[A-Za-z0-9.-]+(:[0-9]+)?") || !owner.matches("[A-Za-z0-9][A-Za-z0-9-]*") || !repo.matches("[A-Za-z0-9._-]+"))
            return Optional.empty();
        return Optional.of("https://" + host + "/" + owner + "/" + repo);
    }

    /** {@code <kind>:<namespace>/<name>} of the first entity in the skeleton's descriptor at {@code path}, as rendered. */
    private static Optional<String> entityRef(Template t, SkeletonRenderer r, Map<String, Object> ctx, String path, Diagnostics d) {
        Optional<String> text = r.renderFile(t, ctx, path, d);
        if (text.isEmpty()) return Optional.empty();
        List<YamlNode> docs = YamlReader.read(path, text.get(), new Diagnostics());
        if (docs.isEmpty()) return Optional.empty();
        YamlNode doc = docs.get(0);
        String kind = doc.field("kind").map(k -> text(k.toValue())).orElse("");
        Optional<YamlNode> metadata = doc.field("metadata");
        String name = metadata.flatMap(m -> m.field("name")).map(n -> text(n.toValue())).orElse("");
        String namespace = metadata.flatMap(m -> m.field("namespace")).map(n -> text(n.toValue())).filter(n -> !n.isEmpty()).orElse("default");
        if (kind.isEmpty() || name.isEmpty()) return Optional.empty();
        return Optional.of(new EntityRef(Optional.of(kind), Optional.of(namespace), name).toString());
    }

    private static String text(Value v) {
        return v instanceof StringValue s ? s.value() : v == null || v.isNull() ? "" : v.toString();
    }
}
