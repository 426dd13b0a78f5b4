package dev.platctl.engine.module;

import java.util.List;

/** The outcome of one module test case: its name, file and what did not match (nothing when it passed). */
public record ModuleTestResult(String name, String file, List<String> failures) {
    public ModuleTestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
