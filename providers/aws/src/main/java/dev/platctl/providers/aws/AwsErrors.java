package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;
import java.util.function.Supplier;

/** Runs SDK calls and turns their failures into {@link ProviderException}s that keep AWS's code and message. */
final class AwsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestLimitExceeded", "TooManyRequestsException", "SlowDown", "RequestThrottled",
            "RequestThrottledException", "ProvisionedThroughputExceededException");

    private AwsErrors() {
    }

    /**
     * Runs {@code call} about the object AWS knows as {@code id}; a failure becomes {@code cannot <verb> <type> <id>:
     * <Code>: <message> (status <n>)}, with the id and AWS's words kept apart ({@link #translate}). Throttling that
     * outlasted the SDK's retries is marked retryable.
     */
    static <T> T call(String verb, String type, String id, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(verb, type, id, e);
        }
    }

    static void run(String verb, String type, String id, Runnable call) {
        call(verb, type, id, () -> {
            call.run();
            return null;
        });
    }

    /**
     * The failure of {@code verb}ing the object AWS knows as {@code id} (null for a call about no one object, such as
     * a listing): AWS's code, message and status apart, so the engine can tell it with the resource's address. Credentials
     * that could not be had are the provider's configuration failure, whatever the call.
     */
    static ProviderException translate(String verb, String type, String id, SdkException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            if (t instanceof CredentialsUnavailable c) return new ProviderConfigurationException(AwsProvider.NAME, c.reason(), e);
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            String code = code(a);
            return ProviderException.api(verb, type, id, ProviderException.ApiError.of(code, a.awsErrorDetails().errorMessage(),
                    a.statusCode()), THROTTLING.contains(code) || a.statusCode() == 429, e);
        }
        return ProviderException.of(verb, type, id, e.getMessage(), e.retryable(), e);
    }

    /**
     * The object is gone in the middle of a change ({@code <Code>: the <noun> no longer exists; plan again to create it}),
     * in the words AWS would use: its not-found {@code code}.
     */
    static ProviderException vanished(String verb, String type, String id, String code, String noun) {
        return ProviderException.of(verb, type, id, code + ": the " + noun + " no longer exists; plan again to create it", false, null);
    }

    /** AWS's error code; falls back to the status when the response had none (such as a HEAD request). */
    static String code(AwsServiceException a) {
        String code = a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "Http" + a.statusCode() : code;
    }

    /** Whether the failure says the object does not exist. */
    static boolean isNotFound(SdkException e, Set<String> codes) {
        return e instanceof AwsServiceException a && (codes.contains(code(a)) || a.statusCode() == 404);
    }
}
