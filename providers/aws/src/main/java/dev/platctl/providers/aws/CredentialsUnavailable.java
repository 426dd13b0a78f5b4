package dev.platctl.providers.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The SDK could not get credentials to sign with (a profile's, an SSO session's, an assumed role's): thrown from the
 * credentials provider inside an SDK call, so that {@link AwsErrors} can tell it as the provider's configuration
 * failure, the same for every resource, rather than as the failure of one call.
 */
final class CredentialsUnavailable extends SdkClientException {
    private final String reason;

    private CredentialsUnavailable(String reason, Throwable cause) {
        super(SdkClientException.builder().message(reason).cause(cause));
        this.reason = reason;
    }

    static CredentialsUnavailable of(String reason, Throwable cause) {
        return new CredentialsUnavailable(reason, cause);
    }

    /** What went wrong, as it was said: without anything the SDK adds to its message (the attempts it made). */
    String reason() {
        return reason;
    }
}
