package dev.platctl.cli;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.policy.PolicyTestRunner;
import dev.platctl.engine.policy.gatekeeper.GatekeeperImport;
import dev.platctl.engine.policy.gatekeeper.ImportResult;
import dev.platctl.engine.policy.gatekeeper.ImportedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code platctl policy import FILE...}: Gatekeeper CEL constraint templates and constraints as platctl policies. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn Gatekeeper ConstraintTemplates (K8sNativeValidation, i.e. CEL) and their constraints into "
                + "platctl policies, one file per constraint; lists what cannot be carried over.")
final class PolicyImportCommand extends WorkspaceCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML files holding ConstraintTemplates and constraints.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the policies (default: the workspace's first policy folder).")
    Path out;

    @Option(names = "--force", description = "Overwrite policy files that already exist.")
    boolean force;

    @Override
    public Integer call() {
        List<Path> inputs = files.stream().map(f -> dir().resolve(f).normalize()).toList();
        ImportResult result = GatekeeperImport.run(inputs);
        Path target = dir().resolve(out != null ? out : Path.of(policyDir())).normalize();
        for (ImportedPolicy p : result.policies()) {
            Path f = target.resolve(p.fileName());
            if (Files.exists(f) && !force)
                throw new PlatctlException("cannot write " + dir().relativize(f) + ": the file exists (use --force to overwrite it)");
        }
        try {
            Files.createDirectories(target);
            for (ImportedPolicy p : result.policies()) {
                Path f = target.resolve(p.fileName());
                Files.writeString(f, p.hcl());
                System.out.println("Wrote " + dir().relativize(f) + " (policy \"" + p.name() + "\")");
            }
        } catch (IOException e) {
            throw new PlatctlException("cannot write the imported policies to " + target + ": " + e.getMessage());
        }
        if (!result.unsupported().isEmpty()) {
            System.out.println();
            System.out.println("Not carried over:");
            for (String u : result.unsupported()) System.out.println("  - " + u);
        }
        Diagnostics d = new Diagnostics();
        PolicyTestRunner.load(dir(), target, d);
        if (d.hasErrors()) throw new DiagnosticsException(d);
        System.out.println();
        System.out.println(result.policies().size() + " policies imported, " + result.unsupported().size() + " notes.");
        return result.policies().isEmpty() ? 1 : 0;
    }

    private String policyDir() {
        Diagnostics d = new Diagnostics();
        return ConfigLoader.loadWorkspace(dir(), d).map(WorkspaceConfig::policyDirs).filter(l -> !l.isEmpty()).map(l -> l.get(0))
                .orElse("policies");
    }
}
