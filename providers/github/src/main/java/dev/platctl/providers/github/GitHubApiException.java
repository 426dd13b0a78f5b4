package dev.platctl.providers.github;

import dev.platctl.engine.PlatctlException;

/** GitHub answered with an error status; {@code message} is GitHub's own, with its validation errors appended. */
final class GitHubApiException extends PlatctlException {
    private final int status;
    private final String apiMessage;

    GitHubApiException(int status, String apiMessage) {
        super(apiMessage + " (status " + status + ")");
        this.status = status;
        this.apiMessage = apiMessage;
    }

    int status() {
        return status;
    }

    String apiMessage() {
        return apiMessage;
    }
}
