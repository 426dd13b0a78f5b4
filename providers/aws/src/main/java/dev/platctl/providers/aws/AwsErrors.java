package dev.platctl.providers.aws;

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
     * Runs {@code call}; a failure becomes {@code cannot <verb> <type> <what>: <Code>: <message> (status <n>)}.
     * Throttling that outlasted the SDK's retries is marked retryable.
     */
    static <T> T call(String verb, String type, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(verb, type, what, e);
        }
    }

    static void run(String verb, String type, String what, Runnable call) {
        call(verb, type, what, () -> {
            call.run();
            return null;
        });
    }

    static ProviderException translate(String verb, String type, String what, SdkException e) {
        String prefix = "cannot " + verb + " " + type + " " + what + ": ";
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            String code = code(a);
            String message = a.awsErrorDetails().errorMessage();
            String text = prefix + code + ": " + (message == null || message.isBlank() ? "(no message)" : message)
                    + " (status " + a.statusCode() + ")";
            return new ProviderException(text, THROTTLING.contains(code) || a.statusCode() == 429, e);
        }
        return new ProviderException(prefix + e.getMessage(), e.retryable(), e);
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
