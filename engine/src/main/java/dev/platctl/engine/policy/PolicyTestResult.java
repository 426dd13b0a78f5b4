package dev.platctl.engine.policy;

import java.util.List;

/** The outcome of one policy test case: passed when {@code failures} is empty, each failure one sentence. */
public record PolicyTestResult(PolicyTestCase testCase, List<String> failures) {
    public PolicyTestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
