package dev.platctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A generated workspace whose one request asks for a module of many {@code local_file} resources. */
final class FileSetWorkspace {
    static final String REQUEST = "crash";
    static final String STACK = "team";

    private final Path dir;
    private final int files;

    private FileSetWorkspace(Path dir, int files) {
        this.dir = dir;
        this.files = files;
    }

    /** Writes {@code platctl.hcl}, module {@code files@1.0.0} with {@code files} resources, and the request. */
    static FileSetWorkspace create(Path dir, int files, int latencyMillis) throws IOException {
        Files.createDirectories(dir.resolve("modules/files"));
        Files.createDirectories(dir.resolve("requests/" + STACK));
        Files.writeString(dir.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                provider "builtin" {
                  latency_ms = %d
                }
                """.formatted(latencyMillis));
        StringBuilder module = new StringBuilder("""
                module {
                  name    = "files"
                  version = "1.0.0"
                  kind    = "FileSet"
                }
                """);
        for (int i = 0; i < files; i++) {
            module.append("""

                    resource "local_file" "f%1$d" {
                      path    = "out/${request.name}/f%1$d.txt"
                      content = "hello ${request.name} %1$d"
                    }
                    """.formatted(i));
        }
        Files.writeString(dir.resolve("modules/files/module.hcl"), module);
        Files.writeString(dir.resolve("requests/" + STACK + "/" + REQUEST + ".yaml"), """
                apiVersion: platctl.dev/v1
                kind: FileSet
                metadata:
                  name: %s
                spec:
                  module: files@1.0.0
                """.formatted(REQUEST));
        return new FileSetWorkspace(dir, files);
    }

    Path dir() {
        return dir;
    }

    /** Every address the request should have in state, sorted as {@code state list} prints them. */
    List<String> addresses() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < files; i++) out.add(REQUEST + ".local_file.f" + i);
        out.sort(null);
        return out;
    }

    /** The files the request should produce: path relative to the workspace, and content. */
    Map<String, String> desiredFiles() {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < files; i++) out.put("out/" + REQUEST + "/f" + i + ".txt", "hello " + REQUEST + " " + i);
        return out;
    }

    /** Every regular file under {@code out/} (temporary files included), relative to the workspace, sorted. */
    List<String> filesOnDisk() throws IOException {
        Path out = dir.resolve("out");
        if (!Files.exists(out)) return List.of();
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    String read(String relativePath) throws IOException {
        return Files.readString(dir.resolve(relativePath));
    }
}
