package dev.platctl.cli.changes;

import dev.platctl.engine.PlatctlException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The files changed since a git ref, as {@code git diff --name-only} lists them, relative to a folder of the work tree. */
public final class GitDiff {
    private static final long TIMEOUT_SECONDS = 120;

    private GitDiff() {
    }

    /**
     * Files under {@code dir} that differ between {@code ref} and the work tree (committed or not), with paths
     * relative to {@code dir} and {@code /} as separator; deleted and renamed files are listed by both names.
     */
    public static List<String> changedSince(Path dir, String ref) {
        if (ref.startsWith("-"))
            throw new PlatctlException("cannot list changes since '" + ref + "': a git ref does not start with '-'");
        List<String> cmd = List.of("git", "-c", "core.quotepath=off", "diff", "--name-only", "--no-renames", "--relative",
                ref, "--", ".");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new PlatctlException("cannot list changes since '" + ref + "': cannot run git (" + e.getMessage() + ")", e);
        }
        try {
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PlatctlException("cannot list changes since '" + ref + "': git diff did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0)
                throw new PlatctlException("cannot list changes since '" + ref + "': git diff failed: "
                        + new String(err.get(), StandardCharsets.UTF_8).trim());
            return Arrays.stream(out.split("\n")).filter(s -> !s.isBlank()).toList();
        } catch (IOException | ExecutionException e) {
            throw new PlatctlException("cannot list changes since '" + ref + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new PlatctlException("cannot list changes since '" + ref + "': interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
