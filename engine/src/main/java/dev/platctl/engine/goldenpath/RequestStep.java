package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code platctl:request:create} step: requests {@code platctl new} writes beside the service's, such as the owner
 * team's namespaces, unless the workspace already has a request of that kind and team that agrees on the
 * parameters named in {@code matchOn} (by default, one of that kind, team and name).
 *
 * <pre>
 * action: platctl:request:create
 * input:
 *   kind: TeamNamespace
 *   module: team-namespace@^1.0
 *   team: ${{ parameters.owner }}
 *   matchOn: [environment]
 *   requests:
 *     - name: ${{ parameters.owner }}-dev
 *       parameters:
 *         environment: dev
 *         group: ${{ parameters.owner }}
 * </pre>
 */
public final class RequestStep {
    private RequestStep() {
    }

    /** One request the step asks for, rendered. */
    public record Wanted(String stepId, String kind, String module, String team, String name, ObjectValue parameters, List<String> matchOn) {
        public Wanted {
            matchOn = List.copyOf(matchOn);
        }

        /** The module's name, without the version range. */
        public String moduleName() {
            int at = module.indexOf('@');
            return at < 0 ? module : module.substring(0, at);
        }

        /**
         * Whether {@code r} already gives the team what this request would: same kind and team, and the same matchOn
         * parameters or, without matchOn, the same name. A request of that name owned by another team gives this team
         * nothing: the name is taken.
         */
        public boolean satisfiedBy(RequestConfig r) {
            if (!r.kind().equals(kind) || !r.team().equals(team)) return false;
            if (matchOn.isEmpty()) return r.name().equals(name);
            return matchOn.stream().allMatch(p -> plain(r.parameters().get(p)).equals(plain(parameters.getOrNull(p))));
        }

        private static Value plain(Value v) {
            return v == null ? Value.NULL : v.unmarked();
        }
    }

    /** The shape of the step's input, checked when the template is read. */
    static void check(TemplateStep step, Diagnostics d) {
        for (String f : List.of("kind", "module", "team"))
            if (!step.input().getOrNull(f).isNull() && !(step.input().getOrNull(f) instanceof StringValue))
                d.error("Invalid input \"" + f + "\" of step \"" + step.id() + "\"", f + " is a string.", step.at(f));
        if (step.input().getOrNull("module") instanceof StringValue m && m.value().isBlank())
            d.error("Invalid input \"module\" of step \"" + step.id() + "\"", "module names the module the requests use, e.g. team-namespace@^1.0.", step.at("module"));
        Value matchOn = step.input().getOrNull("matchOn");
        if (!matchOn.isNull() && !(matchOn instanceof ListValue l && l.items().stream().allMatch(StringValue.class::isInstance)))
            d.error("Invalid input \"matchOn\" of step \"" + step.id() + "\"", "matchOn lists parameter names, e.g. [environment].", step.at("matchOn"));
        Value requests = step.input().getOrNull("requests");
        if (requests.isNull()) return;
        if (!(requests instanceof ListValue list) || list.items().isEmpty()) {
            d.error("Invalid input \"requests\" of step \"" + step.id() + "\"", "requests lists {name, parameters}, one per request to write.", step.at("requests"));
            return;
        }
        for (Value item : list.items()) {
            if (!(item instanceof ObjectValue o) || !(o.getOrNull("name") instanceof StringValue)
                    || !(o.getOrNull("parameters").isNull() || o.getOrNull("parameters") instanceof ObjectValue)
                    || o.attributes().keySet().stream().anyMatch(k -> !k.equals("name") && !k.equals("parameters")))
                d.error("Invalid request in step \"" + step.id() + "\"", "each of requests is {name: <request name>, parameters: {...}}; got " + item + ".",
                        step.at("requests"));
        }
    }

    /** The step's requests with its expressions rendered; a step that does not render is reported and gives none. */
    public static List<Wanted> render(TemplateStep step, SkeletonRenderer renderer, Map<String, Object> ctx, Diagnostics d) {
        Diagnostics mine = new Diagnostics();
        Value input = renderer.renderInput(step.input(), ctx, step.range().file(), mine);
        d.addAll(mine);
        if (mine.hasErrors() || !(input instanceof ObjectValue in)) return List.of();
        List<String> matchOn = in.getOrNull("matchOn") instanceof ListValue l ? l.items().stream().map(RequestStep::text).toList() : List.of();
        List<Wanted> out = new ArrayList<>();
        if (in.getOrNull("requests") instanceof ListValue list)
            for (Value item : list.items()) {
                if (!(item instanceof ObjectValue o)) continue;
                ObjectValue params = o.getOrNull("parameters") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
                out.add(new Wanted(step.id(), text(in.getOrNull("kind")), text(in.getOrNull("module")), text(in.getOrNull("team")),
                        text(o.getOrNull("name")), params, matchOn));
            }
        return out;
    }

    /** The first of {@code existing} that already gives the team what {@code w} asks for. */
    public static Optional<RequestConfig> existing(Wanted w, List<RequestConfig> existing) {
        return existing.stream().filter(w::satisfiedBy).findFirst();
    }

    private static String text(Value v) {
        return v instanceof StringValue s ? s.value() : v == null || v.isNull() ? "" : v.toString();
    }
}
