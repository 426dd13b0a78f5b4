package dev.platctl.providers.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of an assumed role, refreshed by STS before they expire; a failure to assume says which role and
 * keeps STS's code and message.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
    private final AssumeRole role;
    private final StsClient sts;
    private final StsAssumeRoleCredentialsProvider provider;

    /** Assumes {@code role} through {@code sts}, a client signing with the base credentials; both are closed with this. */
    AssumedRoleCredentials(AssumeRole role, StsClient sts) {
        this.role = role;
        this.sts = sts;
        this.provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(b -> {
                    b.roleArn(role.roleArn()).roleSessionName(role.sessionName()).durationSeconds(role.durationSeconds());
                    role.externalId().ifPresent(b::externalId);
                })
                .build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return provider.resolveCredentials();
        } catch (SdkException e) {
            throw CredentialsUnavailable.of("cannot assume role " + role.roleArn() + " (assume_role.role_arn): " + reason(e), e);
        }
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null)
            return AwsErrors.code(a) + ": " + a.awsErrorDetails().errorMessage() + " (status " + a.statusCode() + ")";
        return e.getMessage();
    }

    @Override
    public void close() {
        provider.close();
        sts.close();
    }
}
