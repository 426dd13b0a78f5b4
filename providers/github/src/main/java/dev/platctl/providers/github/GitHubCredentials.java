package dev.platctl.providers.github;

/** Where the REST client's token comes from: a ready token, or GitHub App installation tokens renewed before they expire. */
interface GitHubCredentials {
    /** The token for the next request's {@code Authorization: Bearer} header. */
    String token();

    /** After GitHub answered 401 Bad credentials: gets a new token if this kind can, and says whether to send again. */
    default boolean renew() {
        return false;
    }

    /** Who the requests are made as, for keys of cached answers: never the token itself. */
    String identity();

    /** A token from the environment (a personal access token, or an installation token made outside platctl). */
    static GitHubCredentials token(String token) {
        String identity = EtagCache.identity("token", token);
        return new GitHubCredentials() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public String identity() {
                return identity;
            }
        };
    }
}
