package dev.platctl.cli.changes;

import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which stacks a set of changed files affects: a request file changes its stack (also when deleted), a file in a
 * module's folder changes every stack with a request resolved to that module version (so a new version that a
 * request's constraint now picks counts too), and {@code platctl.hcl} changes every stack.
 */
public final class ChangedStacks {
    private ChangedStacks() {
    }

    /** @param changed paths relative to the workspace folder, with {@code /} as separator */
    public static SortedSet<String> of(Configuration cfg, List<String> changed) {
        Path ws = cfg.workspace().dir().toAbsolutePath().normalize();
        SortedSet<String> stacks = new TreeSet<>();
        for (String file : changed) {
            if (file.equals("platctl.hcl")) stacks.addAll(cfg.stacks());
            for (String requestDir : cfg.workspace().requestDirs()) {
                String prefix = relative(ws, ws.resolve(requestDir));
                if (isYaml(file) && file.startsWith(prefix)) {
                    String rest = file.substring(prefix.length());
                    stacks.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "default");
                }
            }
            owner(cfg, ws, file).ifPresent(m -> {
                for (RequestConfig r : cfg.requests())
                    if (m.equals(cfg.moduleOfRequest().get(r.name()))) stacks.add(r.stack());
            });
        }
        return stacks;
    }

    /** The module whose folder holds the file; the innermost one when versions live in sub-folders of another. */
    private static Optional<ModuleConfig> owner(Configuration cfg, Path ws, String file) {
        return cfg.modules().stream()
                .filter(m -> file.startsWith(relative(ws, ws.resolve(m.dir()))))
                .max(Comparator.comparingInt(m -> relative(ws, ws.resolve(m.dir())).length()));
    }

    /** The folder as a prefix of workspace-relative paths: {@code requests/}, or empty for the workspace itself. */
    private static String relative(Path ws, Path dir) {
        String rel = ws.relativize(dir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return rel.isEmpty() ? "" : rel + "/";
    }

    private static boolean isYaml(String file) {
        return file.endsWith(".yaml") || file.endsWith(".yml");
    }
}
