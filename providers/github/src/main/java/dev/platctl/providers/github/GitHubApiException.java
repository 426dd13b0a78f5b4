package dev.platctl.providers.github;

import dev.platctl.engine.PlatctlException;

/**
 * GitHub answered with an error status; {@code message} is GitHub's own, with its validation errors appended.
 * {@code retryable} is the client's verdict: whether trying the whole call again later may help (a server error), as
 * opposed to a refusal, or a rate limit the client already waited out as often as it does ({@code rateLimited}).
 */
final class GitHubApiException extends PlatctlException {
    private final int status;
    private final String apiMessage;
    private final boolean retryable;
    private final boolean rateLimited;

    GitHubApiException(int status, String apiMessage, boolean retryable, boolean rateLimited) {
        super(apiMessage + " (status " + status + ")");
        this.status = status;
        this.apiMessage = apiMessage;
        this.retryable = retryable;
        this.rateLimited = rateLimited;
    }

    /** A copy, for another caller of a remembered failure. */
    GitHubApiException copy() {
        return new GitHubApiException(status, apiMessage, retryable, rateLimited);
    }

    int status() {
        return status;
    }

    String apiMessage() {
        return apiMessage;
    }

    boolean retryable() {
        return retryable;
    }

    boolean rateLimited() {
        return rateLimited;
    }
}
