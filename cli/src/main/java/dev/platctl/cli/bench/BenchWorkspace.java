package dev.platctl.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated workspace of {@code platctl_data} resources: {@code requests} requests of a module
 * with {@code perRequest} resources each, either independent (wide) or a chain (deep: each resource
 * references the previous one's computed id).
 */
public record BenchWorkspace(int requests, int perRequest, boolean deep, int latencyMs) {

    public int resources() {
        return requests * perRequest;
    }

    /** Longest chain of dependent calls. */
    public int depth() {
        return deep ? perRequest : 1;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("modules/bench"));
        Files.createDirectories(dir.resolve("requests/bench"));
        Files.writeString(dir.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                provider "builtin" {
                  latency_ms = %d
                }
                """.formatted(latencyMs));
        StringBuilder m = new StringBuilder("""
                module {
                  name    = "bench"
                  version = "1.0.0"
                  kind    = "Bench"
                }
                input "size" {
                  type    = string
                  default = "small"
                }
                """);
        for (int i = 0; i < perRequest; i++) {
            m.append("resource \"platctl_data\" \"r").append(i).append("\" {\n");
            if (deep && i > 0) m.append("  input = \"${request.name}-${input.size}-").append(i).append("-${platctl_data.r").append(i - 1).append(".id}\"\n");
            else m.append("  input = \"${request.name}-${input.size}-").append(i).append("\"\n");
            m.append("}\n");
        }
        Files.writeString(dir.resolve("modules/bench/module.hcl"), m);
        for (int r = 0; r < requests; r++) {
            Files.writeString(dir.resolve("requests/bench/req-" + r + ".yaml"), """
                    apiVersion: platctl.dev/v1
                    kind: Bench
                    metadata:
                      name: req-%d
                    spec:
                      module: bench@1.0.0
                      parameters:
                        size: large
                    """.formatted(r));
        }
    }
}
