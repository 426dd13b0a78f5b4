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

    /** A token from the environment (a personal access token, or an installation token made outside platctl). */
    static GitHubCredentials token(String token) {
        return api -> token;
    }
}
