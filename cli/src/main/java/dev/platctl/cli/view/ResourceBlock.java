package dev.platctl.cli.view;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Renders one planned change or one drifted resource as a headline and a Terraform-style resource block. */
final class ResourceBlock {
    private static final int BODY_INDENT = 6;

    private ResourceBlock() {
    }

    /** {@code payments-db.local_file.config will be created}. */
    static String headline(ResourceChange c) {
        return c.address() + " " + outcome(c.action());
    }

    /** {@code will be created}, {@code must be replaced}, ... */
    static String outcome(Action a) {
        return switch (a) {
            case CREATE -> "will be created";
            case UPDATE -> "will be updated in place";
            case DELETE -> "will be destroyed";
            case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "must be replaced";
            case READ -> "will be read during apply";
            case NO_OP -> "has no changes";
        };
    }

    static String headline(Drift d) {
        return d.address() + " " + outcome(d);
    }

    static String outcome(Drift d) {
        return d.gone() ? "has been deleted" : "has changed";
    }

    /** The reason worth a line of its own; reasons that only repeat the action are left out. */
    static Optional<String> reason(ResourceChange c) {
        return switch (c.reason()) {
            case NONE, NOT_IN_STATE, CONFIG_CHANGED, DESTROY -> Optional.empty();
            case NO_LONGER_DESIRED -> Optional.of(c.reason().text());
            default -> Optional.of("because " + c.reason().text());
        };
    }

    static String symbol(Action a) {
        return switch (a) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
            case DELETE_THEN_CREATE -> "-/+";
            case CREATE_THEN_DELETE -> "+/-";
            case READ -> "<=";
            case NO_OP -> "";
        };
    }

    static List<DiffLine> block(ResourceChange c, Ansi ansi) {
        return block(c.address(), symbol(c.action()), c.before(), c.after(), c.replacePaths(), ansi);
    }

    static List<DiffLine> block(Drift d, Ansi ansi) {
        return block(d.address(), d.gone() ? "-" : "~", d.before(), d.after(), Set.of(), ansi);
    }

    /** The headline, the reason and the block, as a terminal shows them. */
    static List<String> human(ResourceChange c, Ansi ansi) {
        List<String> out = new ArrayList<>();
        out.add("  " + ansi.bold("# " + headline(c)));
        reason(c).ifPresent(r -> out.add("  # (" + r + ")"));
        for (DiffLine l : block(c, ansi)) out.add(l.human(ansi));
        return out;
    }

    static List<String> human(Drift d, Ansi ansi) {
        List<String> out = new ArrayList<>();
        out.add("  " + ansi.bold("# " + headline(d)));
        for (DiffLine l : block(d, ansi)) out.add(l.human(ansi));
        return out;
    }

    private static List<DiffLine> block(ResourceAddress address, String symbol, Value before, Value after,
                                        Set<AttributePath> replacePaths, Ansi ansi) {
        List<DiffLine> out = new ArrayList<>();
        String open = "resource " + ValueFormatter.quote(address.type()) + " " + ValueFormatter.quote(address.name());
        List<DiffLine> body = new AttributeDiff(ansi, replacePaths).body(before, after, BODY_INDENT);
        if (body.isEmpty()) {
            out.add(new DiffLine(3 - symbol.length(), symbol, open + " {}"));
            return out;
        }
        out.add(new DiffLine(3 - symbol.length(), symbol, open + " {"));
        out.addAll(body);
        out.add(new DiffLine(4, "", "}"));
        return out;
    }
}
