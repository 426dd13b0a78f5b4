package dev.platctl.providers.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials from a profile or the SDK's chain that, when they cannot be had, say where they were to come from
 * ({@code cannot get credentials from profile "dev": ...}), keeping the SDK's reason.
 */
record NamedCredentials(AwsCredentialsProvider delegate, String source) implements AwsCredentialsProvider {
    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (RuntimeException e) {
            // the SDK also throws IllegalStateException, for a profile it cannot use (a module missing, a bad setting)
            throw CredentialsUnavailable.of("cannot get credentials from " + source + ": " + e.getMessage(), e);
        }
    }
}
