package dev.platctl.engine.plan;

import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;

import java.util.List;
import java.util.Optional;

/**
 * Fails a plan that would delete or replace an instance whose resource block sets
 * {@code lifecycle.prevent_destroy}; a block removed from its module (or a request removed) no longer
 * protects its instances, as in Terraform.
 */
final class PreventDestroy {
    private PreventDestroy() {
    }

    static void check(Configuration cfg, List<ResourceChange> changes, Diagnostics diags) {
        if (cfg == null) return;
        for (ResourceChange c : changes) {
            if (c.action() != Action.DELETE && !c.action().isReplace()) continue;
            Optional<ResourceDecl> d = Optional.ofNullable(cfg.moduleOfRequest().get(c.address().request()))
                    .flatMap(m -> m.resource(c.address().type(), c.address().name()));
            if (d.isEmpty() || !d.get().lifecycle().preventDestroy()) continue;
            ModuleConfig m = cfg.moduleOfRequest().get(c.address().request());
            String what = c.action() == Action.DELETE ? "delete it" : "replace it";
            diags.error("Instance cannot be destroyed", "resource " + c.address() + " has lifecycle.prevent_destroy set, but the plan would "
                    + what + " (" + c.reason().text() + "). To go ahead, set prevent_destroy = false in module " + m.ref()
                    + " first, or leave " + c.address() + " out of the plan with --target.",
                    d.get().lifecycle().preventDestroyRange().orElse(d.get().typeRange()));
        }
    }
}
