package dev.platctl.cli.view;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.StackSnapshot;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.platctl.cli.view.Plans.SECRET;
import static dev.platctl.cli.view.Plans.address;
import static dev.platctl.cli.view.Plans.change;
import static dev.platctl.cli.view.Plans.list;
import static dev.platctl.cli.view.Plans.obj;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitiveValuesTest {
    private static final Value SECRET_VALUE = Value.of(SECRET).sensitive();
    private static final Value MULTI_LINE_SECRET = Value.of("-----BEGIN KEY-----\n" + SECRET + "\n").sensitive();

    /** A plan where the secret sits in every place a value can be: top level, nested, in lists, in drift, outputs. */
    private static Plan planFullOfSecrets() {
        var create = change("payments-db.random_password.db", Action.CREATE, Value.NULL,
                obj("result", SECRET_VALUE, "nested", obj("token", SECRET_VALUE), "items", list("a", SECRET_VALUE),
                        "pem", MULTI_LINE_SECRET, "whole", obj("k", SECRET).sensitive()),
                ChangeReason.NOT_IN_STATE);
        var update = change("payments-db.local_file.cfg", Action.UPDATE,
                obj("content", SECRET_VALUE, "plain", "x", "pem", Value.of("old\nkey\n")),
                obj("content", Value.of(SECRET + "2").sensitive(), "plain", "y", "pem", MULTI_LINE_SECRET),
                ChangeReason.CONFIG_CHANGED);
        var unmarkedToSecret = change("payments-db.local_file.flip", Action.UPDATE,
                obj("v", SECRET, "l", list("a", SECRET)), obj("v", SECRET_VALUE, "l", list(SECRET_VALUE)),
                ChangeReason.CONFIG_CHANGED);
        var replace = change("payments-db.aws_db_instance.this", Action.DELETE_THEN_CREATE,
                obj("password", SECRET_VALUE, "engine", "14"), obj("password", SECRET_VALUE, "engine", "15"),
                ChangeReason.REPLACE_FORCED, AttributePath.of("engine"), AttributePath.of("password"));
        var delete = change("payments-db.local_file.gone", Action.DELETE, obj("secret", SECRET_VALUE), Value.NULL,
                ChangeReason.NO_LONGER_DESIRED);
        var drift = List.of(
                new Drift("payments", address("payments-db.local_file.drifted"), obj("s", SECRET_VALUE),
                        obj("s", Value.of("other").sensitive())),
                new Drift("payments", address("payments-db.local_file.lost"), obj("s", SECRET_VALUE), Value.NULL));
        return new Plan(Plan.Mode.NORMAL, "h", List.of(new StackSnapshot("payments", "l", 1)),
                List.of(create, update, unmarkedToSecret, replace, delete), drift,
                Map.of("payments-db", Map.of("password", SECRET_VALUE, "conn", obj("pw", SECRET_VALUE))), List.of());
    }

    static Stream<Arguments> views() {
        return Stream.of(
                Arguments.of("human, no colour", (Function<Plan, String>) p -> PlanView.human(p, false)),
                Arguments.of("human, colour", (Function<Plan, String>) p -> PlanView.human(p, true)),
                Arguments.of("json", (Function<Plan, String>) PlanView::json),
                Arguments.of("markdown", (Function<Plan, String>) PlanView::markdown));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void sensitiveValuesNeverAppearInAnyView(String reason, Function<Plan, String> view) {
        String out = view.apply(planFullOfSecrets());
        assertFalse(out.contains(SECRET), reason + " printed the secret:\n" + out);
        assertFalse(out.contains("BEGIN KEY"), reason + " printed part of a sensitive multi-line value:\n" + out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void sensitiveValuesAreStillVisiblyThere(String reason, Function<Plan, String> view) {
        String out = view.apply(planFullOfSecrets());
        if (reason.equals("json")) assertTrue(out.contains("\"after_sensitive\": {"), out);
        else assertTrue(out.contains("(sensitive value)"), reason + ":\n" + out);
    }
}
