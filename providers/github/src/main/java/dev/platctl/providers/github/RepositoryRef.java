package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderException;

/** Reads the repository part of an import id: {@code name} or {@code owner/name}, where the owner must be the provider's. */
final class RepositoryRef {
    private RepositoryRef() {
    }

    static String name(GitHubAccess gh, String type, String text) {
        int slash = text.indexOf('/');
        if (slash < 0) return requireNonEmpty(type, text, text);
        String owner = text.substring(0, slash);
        if (!owner.equalsIgnoreCase(gh.owner()))
            throw ProviderException.of("import", type, text, "the owner '" + owner + "' is not the provider's owner '"
                    + gh.owner() + "'", false, null);
        return requireNonEmpty(type, text, text.substring(slash + 1));
    }

    /** Splits {@code <repository>:<rest>} (the repository optionally {@code owner/name}). */
    static String[] split(GitHubAccess gh, String type, String text, String expected) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
            throw ProviderException.of("import", type, text, "expected an id of the form " + expected, false, null);
        return new String[]{name(gh, type, text.substring(0, colon)), text.substring(colon + 1)};
    }

    private static String requireNonEmpty(String type, String text, String name) {
        if (name.isEmpty() || name.contains("/"))
            throw ProviderException.of("import", type, text, "expected owner/name or name", false, null);
        return name;
    }
}
