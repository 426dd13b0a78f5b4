package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderException;

import java.util.function.Supplier;

/**
 * Runs API calls and turns GitHub's error answers into {@link ProviderException}s that keep GitHub's message and status,
 * apart from the object's id, so the engine tells a failure once with the resource's address.
 */
final class GitHubErrors {
    private GitHubErrors() {
    }

    /**
     * Runs {@code call} about the object GitHub knows as {@code id}; a failure becomes {@code cannot <verb> <type> <id>:
     * <GitHub's message> (status <n>)}. A failure that already says what was being done ({@code cannot ...}) is kept.
     */
    static <T> T call(String verb, String type, String id, Supplier<T> call) {
        try {
            return call.get();
        } catch (GitHubApiException e) {
            throw ProviderException.api(verb, type, id, ProviderException.ApiError.of(null, e.apiMessage(), e.status()), e.retryable(), e);
        } catch (ProviderException e) {
            if (e.reason().isPresent() || e.getMessage().startsWith("cannot ")) throw e;
            throw ProviderException.of(verb, type, id, e.getMessage(), e.retryable(), e);
        }
    }

    static void run(String verb, String type, String id, Runnable call) {
        call(verb, type, id, () -> {
            call.run();
            return null;
        });
    }
}
