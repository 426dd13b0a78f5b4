package dev.platctl.providers.kubernetes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kube-apiserver, kube-controller-manager and etcd binaries the tests run, built with Go from the
 * recipe in {@code src/test/go} into a cache folder named by the recipe's hash, so only the first run
 * (about ten minutes on two cores) pays for the build; concurrent test JVMs build once, under a file lock.
 */
final class KubeBinaries {
    static final String APISERVER = "kube-apiserver";
    static final String CONTROLLER_MANAGER = "kube-controller-manager";
    static final String ETCD = "etcd";
    private static final Path RECIPE = Path.of("src", "test", "go");
    private static final Path RECIPE_IN_BUILD = Path.of("providers", "kubernetes", "src", "test", "go");
    private static final List<String> RECIPE_FILES = List.of("go.mod", "go.sum", "tools.go", "etcd/main.go");
    private static final long BUILD_MINUTES = 40;

    private final Path dir;

    private KubeBinaries(Path dir) {
        this.dir = dir;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** The binaries, built first when the cache does not hold them for this recipe. */
    static KubeBinaries ensure() throws IOException, InterruptedException {
        Path recipe = recipe();
        Path dir = cacheRoot().resolve(hash(recipe));
        if (complete(dir)) return new KubeBinaries(dir);
        Files.createDirectories(dir.getParent());
        try (FileChannel ch = FileChannel.open(dir.getParent().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                if (!complete(dir)) build(recipe, dir);
            } finally {
                lock.release();
            }
        }
        return new KubeBinaries(dir);
    }

    /**
     * This module's {@code src/test/go}; from another module of the build (the CLI's tests run in {@code cli/}),
     * the one under {@code providers/kubernetes} of the nearest folder above that has it.
     */
    private static Path recipe() {
        Path own = RECIPE.toAbsolutePath();
        if (Files.isDirectory(own)) return own;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
            if (Files.isDirectory(dir.resolve(RECIPE_IN_BUILD))) return dir.resolve(RECIPE_IN_BUILD);
        throw new IllegalStateException("cannot find the recipe for the Kubernetes test binaries: neither " + own + " nor "
                + RECIPE_IN_BUILD + " in a folder above " + Path.of("").toAbsolutePath());
    }

    private static Path cacheRoot() {
        String override = System.getenv("PLATCTL_K8S_CACHE");
        if (override != null && !override.isBlank()) return Path.of(override);
        return Path.of(System.getProperty("user.home"), ".cache", "platctl", "k8s");
    }

    private static boolean complete(Path dir) {
        return Stream.of(APISERVER, CONTROLLER_MANAGER, ETCD).allMatch(n -> Files.isExecutable(dir.resolve(n)));
    }

    private static void build(Path recipe, Path dir) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".building"));
        Path log = tmp.resolve("build.log");
        go(recipe, log, "k8s.io/kubernetes/cmd/kube-apiserver", tmp.resolve(APISERVER));
        go(recipe, log, "k8s.io/kubernetes/cmd/kube-controller-manager", tmp.resolve(CONTROLLER_MANAGER));
        go(recipe, log, "./etcd", tmp.resolve(ETCD));
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void go(Path recipe, Path log, String pkg, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s",
                "-o", out.toString(), pkg).directory(recipe.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot build " + pkg + " for the Kubernetes tests: no `go` on PATH (" + e.getMessage()
                    + "); install Go 1.26 or newer", e);
        }
        if (!p.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("cannot build " + pkg + ": go build took over " + BUILD_MINUTES + " minutes; see " + log);
        }
        if (p.exitValue() != 0)
            throw new IOException("cannot build " + pkg + ": go build exited " + p.exitValue() + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String hash(Path recipe) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String f : RECIPE_FILES) {
                md.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(recipe.resolve(f)));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
