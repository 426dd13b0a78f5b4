package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.policy.PolicyTestCase;
import dev.platctl.engine.policy.PolicyTestResult;
import dev.platctl.engine.policy.PolicyTestRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code platctl policy ...}: work with policies outside a plan. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policies.",
        subcommands = {PolicyCommand.Test.class, PolicyImportCommand.class})
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code policy test [DIR]}: runs the test cases in {@code DIR/tests/*.yaml} against the policies in {@code DIR}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the policy test cases in DIR/tests/*.yaml against the policies DIR/*.hcl; exit 1 when one fails.")
    static final class Test extends WorkspaceCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
                description = "A policy folder (default: the workspace's policy folders).")
        Path folder;

        @Override
        public Integer call() {
            List<Path> folders = new ArrayList<>();
            if (folder != null) folders.add(dir().resolve(folder).normalize());
            else for (String p : workspacePolicyDirs()) folders.add(dir().resolve(p).normalize());
            Diagnostics d = new Diagnostics();
            List<PolicyTestResult> results = new ArrayList<>();
            int policies = 0;
            for (Path f : folders) {
                if (!Files.isDirectory(f)) throw new dev.platctl.engine.PlatctlException("cannot test policies: there is no folder " + f);
                PolicyTestRunner.Suite suite = PolicyTestRunner.load(dir(), f, d);
                if (d.hasErrors()) continue;
                policies += suite.policies().size();
                results.addAll(PolicyTestRunner.run(suite));
            }
            if (d.hasErrors()) throw new DiagnosticsException(d);
            Output.warnings(d, sources(), ansi());
            return report(results, policies, ansi());
        }

        private List<String> workspacePolicyDirs() {
            Diagnostics d = new Diagnostics();
            return dev.platctl.engine.config.ConfigLoader.loadWorkspace(dir(), d).map(WorkspaceConfig::policyDirs)
                    .orElseThrow(() -> new DiagnosticsException(d));
        }

        static int report(List<PolicyTestResult> results, int policies, Ansi ansi) {
            int failed = 0;
            for (PolicyTestResult r : results) {
                PolicyTestCase c = r.testCase();
                String where = c.range().file() + ":" + c.range().start().line();
                System.out.println((r.passed() ? ansi.green("PASS") : ansi.boldRed("FAIL")) + "  " + c.name() + "  " + ansi.dim("(" + where + ")"));
                for (String f : r.failures()) System.out.println("      " + f);
                if (!r.passed()) failed++;
            }
            if (results.isEmpty()) System.out.println("No policy test cases found (" + policies + " policies).");
            System.out.println();
            System.out.println((results.size() - failed) + " passed, " + failed + " failed (" + policies + " policies)");
            return failed > 0 ? 1 : 0;
        }
    }
}
