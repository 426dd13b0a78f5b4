package dev.platctl.cli;

import dev.platctl.cli.view.CatalogView;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.catalog.BackstageExport;
import dev.platctl.engine.catalog.Catalog;
import dev.platctl.engine.catalog.CatalogEntry;
import dev.platctl.engine.catalog.DescriptorValidator;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.state.StackState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code platctl catalog ...}: check Backstage descriptors, and list, show, search and export what state holds. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "The service catalog: who owns what, where its runbook is.",
        subcommands = {CatalogCommand.Validate.class, CatalogCommand.ListEntries.class, CatalogCommand.Show.class,
                CatalogCommand.Search.class, CatalogCommand.Export.class})
final class CatalogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The catalog from every stack's state and the workspace's requests; what it had to rename or leave out is printed as warnings. */
    static Catalog load(WorkspaceCommand cmd) {
        Configuration cfg = cmd.loadConfig();
        try (Session s = Session.open(cfg.workspace(), 1)) {
            List<StackState> stacks = new ArrayList<>();
            for (String st : s.store.stacks()) stacks.add(s.store.read(st));
            Catalog c = Catalog.of(cfg, stacks);
            Output.warnings(c.warnings(), cmd.sources(), cmd.ansi());
            return c;
        }
    }

    /** {@code catalog validate [PATH...]}: Backstage descriptor rules, every problem with file:line. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check Backstage descriptors (catalog-info.yaml under each folder, or the files given); exit 1 on any error.")
    static final class Validate extends WorkspaceCommand {
        @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders (default: the current folder).")
        List<Path> paths = List.of();

        @Override
        public Integer call() {
            DescriptorValidator v = new DescriptorValidator(dir());
            Diagnostics d = new Diagnostics();
            v.validate(paths.isEmpty() ? List.of(Path.of(".")) : paths, d);
            if (d.hasErrors()) throw new DiagnosticsException(d);
            Output.warnings(d, sources(), ansi());
            if (v.files() == 0) throw new PlatctlException("cannot validate the catalog: no catalog-info.yaml found");
            System.out.println(ansi().green(ansi().bold("Success!")) + " " + v.entities() + " entit" + (v.entities() == 1 ? "y" : "ies")
                    + " in " + v.files() + " file(s) follow Backstage's descriptor rules.");
            return 0;
        }
    }

    /** {@code catalog list}: one line per service and resource. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List services and resources from state with owner, lifecycle, dependencies and a link (the repository, else the first link).")
    static final class ListEntries extends WorkspaceCommand {
        @CommandLine.Option(names = "--json", description = "Print the entries as a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            List<CatalogEntry> entries = load(this).entries();
            System.out.print(json ? CatalogView.json(entries) : CatalogView.table(entries));
            return 0;
        }
    }

    /** {@code catalog show NAME}: one entry in full. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one service or resource: owner, lifecycle, links, dependencies.")
    static final class Show extends WorkspaceCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Catalog c = load(this);
            CatalogEntry e = c.find(name).orElseThrow(() -> new PlatctlException("cannot show '" + name + "': it is not in the catalog (entries: "
                    + String.join(", ", c.entries().stream().map(CatalogEntry::name).toList()) + ")"));
            System.out.print(CatalogView.detail(e, c));
            return 0;
        }
    }

    /** {@code catalog search TEXT}: entries mentioning the text anywhere. */
    @Command(name = "search", mixinStandardHelpOptions = true, description = "Find services and resources whose name, owner, links or dependencies mention TEXT.")
    static final class Search extends WorkspaceCommand {
        @Parameters(paramLabel = "TEXT")
        String text;

        @Override
        public Integer call() {
            List<CatalogEntry> found = load(this).search(text);
            if (found.isEmpty()) {
                System.out.println("Nothing in the catalog mentions \"" + text + "\".");
                return 1;
            }
            System.out.print(CatalogView.table(found));
            return 0;
        }
    }

    /** {@code catalog export DIR}: Backstage entities, one file per entry. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write Backstage entities (Component per service, Resource per database/bucket/queue) into DIR.")
    static final class Export extends WorkspaceCommand {
        @Parameters(paramLabel = "DIR")
        Path out;

        @Override
        public Integer call() {
            Catalog c = load(this);
            Path target = dir().resolve(out);
            try {
                Files.createDirectories(target);
                for (CatalogEntry e : c.entries())
                    Files.writeString(target.resolve(e.kind().toLowerCase() + "-" + e.name() + ".yaml"), BackstageExport.yaml(e, c));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot export the catalog to " + target, e);
            }
            System.out.println("Exported " + c.entries().size() + " entit" + (c.entries().size() == 1 ? "y" : "ies") + " to " + out + ".");
            return 0;
        }
    }
}
