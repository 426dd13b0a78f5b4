package dev.platctl.engine.policy;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

import java.util.Map;

/**
 * One case of {@code policies/tests/*.yaml}: a resource as a policy would see it and the outcome expected
 * of each named policy ({@code pass}, {@code fail}, {@code not-decided} or {@code not-matched}), and
 * optionally attribute values expected after the policies' defaults and enforced values.
 */
public record PolicyTestCase(String name, PolicySubject subject, Map<String, String> expect,
                             Map<String, Value> expectAttributes, SourceRange range) {
    public static final java.util.List<String> OUTCOMES = java.util.List.of("pass", "fail", "not-decided", "not-matched");

    public PolicyTestCase {
        expect = Map.copyOf(expect);
        expectAttributes = Map.copyOf(expectAttributes);
    }
}
