package dev.platctl.providers.github;

/** Where the REST client's token comes from: a ready token, or GitHub App installation tokens renewed before they expire. */
interface GitHubCredentials {
    /** The token for the next request's {@code Authorization: Bearer} header; {@code api} sends what getting one takes. */
    String token(GitHubClient api);

    /**
     * After GitHub answered 401 Bad credentials to a request sent with the token {@code rejected}: makes sure the next
     * token is another one if this kind can (one new token however many requests were refused with the old one), and
     * says whether to send again.
     */
    default boolean renew(String rejected, GitHubClient api) {
        return false;
    }

    /**
     * What to tell when GitHub answered 401 to this kind's token and {@link #renew} could not help (or did, and the new
     * token was refused too): where the token came from and what to do; {@code githubSays} is GitHub's message and status.
     */
    default String rejected(String githubSays) {
        return "GitHub rejected the token: " + githubSays;
    }

    /**
     * A token from the environment variable {@code variable} (a personal access token, or an installation token made
     * outside platctl).
     */
    static GitHubCredentials token(String token, String variable) {
        return new GitHubCredentials() {
            @Override
            public String token(GitHubClient api) {
                return token;
            }

            @Override
            public String rejected(String githubSays) {
                return "GitHub rejected the token in the environment variable " + variable + ": " + githubSays + "; set " + variable
                        + " to a token that is valid (not mistyped, expired or revoked) for this GitHub, or name another variable"
                        + " with token_env, or use app_auth";
            }
        };
    }
}
