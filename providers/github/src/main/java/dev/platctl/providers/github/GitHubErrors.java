package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderException;

import java.util.function.Supplier;

/** Runs API calls and turns GitHub's error answers into {@link ProviderException}s that keep GitHub's message and status. */
final class GitHubErrors {
    private GitHubErrors() {
    }

    /** Runs {@code call}; a failure becomes {@code cannot <verb> <type> <what>: <GitHub's message> (status <n>)}. */
    static <T> T call(String verb, String type, String what, Supplier<T> call) {
        String prefix = "cannot " + verb + " " + type + " " + what + ": ";
        try {
            return call.get();
        } catch (GitHubApiException e) {
            throw new ProviderException(prefix + e.getMessage(), e.retryable(), e);
        } catch (ProviderException e) {
            if (e.getMessage().startsWith("cannot ")) throw e;
            throw new ProviderException(prefix + e.getMessage(), e.retryable(), e);
        }
    }

    static void run(String verb, String type, String what, Runnable call) {
        call(verb, type, what, () -> {
            call.run();
            return null;
        });
    }
}
