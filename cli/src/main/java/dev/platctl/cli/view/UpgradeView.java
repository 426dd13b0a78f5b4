package dev.platctl.cli.view;

import dev.platctl.engine.module.ModuleUpgrade;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;

import java.util.List;
import java.util.Map;

/** Renders {@code platctl module upgrade --plan}: each affected request's plan, then what the upgrade does in total. */
public final class UpgradeView {
    private UpgradeView() {
    }

    /** Totals over the affected requests; a replacement counts once, as a replacement. */
    public record Summary(int requests, long update, long replace, long create, long destroy) {
        /** {@code 3 requests, 3 resources to update, 1 to replace, 0 to create, 0 to destroy} */
        public String text() {
            return requests + (requests == 1 ? " request, " : " requests, ") + update + (update == 1 ? " resource" : " resources")
                    + " to update, " + replace + " to replace, " + create + " to create, " + destroy + " to destroy";
        }
    }

    public static Summary summary(ModuleUpgrade u, Plan plan) {
        List<ResourceChange> mine = plan.changes().stream().filter(c -> u.from().containsKey(c.address().request())).toList();
        return new Summary(u.from().size(), count(mine, Action.UPDATE), count(mine, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE),
                count(mine, Action.CREATE), count(mine, Action.DELETE));
    }

    public static String human(ModuleUpgrade u, Plan plan, boolean color) {
        Ansi ansi = Ansi.of(color);
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold("Upgrading module " + u.module() + " to " + u.target().version())).append(": ")
                .append(u.from().size()).append(u.from().size() == 1 ? " request uses it.\n" : " requests use it.\n");
        for (Map.Entry<String, String> e : u.from().entrySet()) {
            String request = e.getKey();
            Plan own = only(plan, request);
            sb.append('\n').append(ansi.bold("── " + request + ": " + e.getValue() + " -> " + u.target().ref())).append('\n');
            if (e.getValue().equals(u.target().ref())) sb.append("already on ").append(u.target().ref()).append(".\n");
            sb.append(PlanView.human(own, color));
        }
        sb.append('\n').append(ansi.bold("Upgrade summary: " + summary(u, plan).text() + ".")).append('\n');
        return sb.toString();
    }

    /** The part of the plan about one request's resources. */
    static Plan only(Plan plan, String request) {
        return new Plan(plan.mode(), plan.configHash(), plan.stacks(),
                plan.changes().stream().filter(c -> c.address().request().equals(request)).toList(),
                plan.drift().stream().filter(d -> d.address().request().equals(request)).toList(),
                plan.outputs().containsKey(request) ? Map.of(request, plan.outputs().get(request)) : Map.of(), List.of());
    }

    private static long count(List<ResourceChange> changes, Action... actions) {
        List<Action> as = List.of(actions);
        return changes.stream().filter(c -> as.contains(c.action())).count();
    }
}
