package dev.platctl.cli.view;

import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.module.ModuleTestResult;

import java.util.List;

/** Renders the results of {@code platctl module test}: one line per case, what failed under it, and a count. */
public final class ModuleTestView {
    private ModuleTestView() {
    }

    public static String human(ModuleConfig m, List<ModuleTestResult> results, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        if (results.isEmpty()) return "Module " + m.ref() + " has no tests (add tests/*.yaml beside module.hcl).\n";
        sb.append("Testing module ").append(m.ref()).append(": ").append(results.size()).append(results.size() == 1 ? " case\n" : " cases\n");
        for (ModuleTestResult r : results) {
            sb.append("  ").append(r.passed() ? ansi.green("pass") : ansi.boldRed("FAIL")).append("  ").append(r.name())
                    .append("  (").append(r.file()).append(")\n");
            for (String f : r.failures()) sb.append("        ").append(f).append('\n');
        }
        sb.append(summary(results)).append('\n');
        return sb.toString();
    }

    /** {@code 2 passed, 1 failed.} */
    public static String summary(List<ModuleTestResult> results) {
        long passed = results.stream().filter(ModuleTestResult::passed).count();
        return passed + " passed, " + (results.size() - passed) + " failed.";
    }
}
