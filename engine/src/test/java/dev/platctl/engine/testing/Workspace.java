package dev.platctl.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes inline workspace files for tests: {@code ws.file("modules/m/module.hcl", "...")}. */
public final class Workspace {
    public final Path dir;

    public Workspace(Path dir) {
        this.dir = dir;
        file("platctl.hcl", "workspace {\n  modules  = \"modules\"\n  requests = \"requests\"\n}\n");
    }

    public Workspace file(String relative, String text) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Workspace delete(String relative) {
        try {
            Files.deleteIfExists(dir.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request of kind Thing for module {@code module@version} with the given YAML parameter lines. */
    public Workspace request(String team, String name, String module, String... parameterLines) {
        StringBuilder sb = new StringBuilder("apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: " + name
                + "\n  team: " + team + "\nspec:\n  module: " + module + "\n  parameters:\n");
        for (String l : parameterLines) sb.append("    ").append(l).append('\n');
        if (parameterLines.length == 0) sb.append("    {}\n");
        return file("requests/" + team + "/" + name + ".yaml", sb.toString());
    }
}
