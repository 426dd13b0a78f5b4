package dev.platctl.engine.provider;

import dev.platctl.engine.PlatctlException;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider call failed. The message keeps the API's own words. A provider that builds it with {@link #of} or
 * {@link #api} also says which object it was working on (by the provider's own id) and why, apart: the engine then
 * tells the failure once, with the resource's address
 * ({@code cannot update aws_vpc net.aws_vpc.main (vpc-0a1b): DependencyViolation: ... (status 400)}), instead of
 * putting its words in front of the provider's. One made from a message alone is told as that message.
 */
public class ProviderException extends PlatctlException {
    private final boolean retryable;
    private final String verb;
    private final String type;
    private final String objectId;
    private final String reason;
    private final ApiError apiError;

    /** What an API answered: its error code (when it has codes), its message, and the HTTP status. */
    public record ApiError(Optional<String> code, String message, int status) {
        public ApiError {
            Objects.requireNonNull(code, "code");
            message = message == null || message.isBlank() ? "(no message)" : message;
        }

        public static ApiError of(String code, String message, int status) {
            return new ApiError(Optional.ofNullable(code).filter(c -> !c.isBlank()), message, status);
        }

        /**
         * {@code Code: message (status n)}, or {@code message (status n)} for an API without codes or a message that is only
         * the code (Kubernetes answers a wrong token with reason and message both {@code Unauthorized}).
         */
        @Override
        public String toString() {
            return code.filter(c -> !c.equals(message)).map(c -> c + ": ").orElse("") + message + " (status " + status + ")";
        }
    }

    public ProviderException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, null, null, null, null, null);
    }

    public ProviderException(String message) {
        this(message, false, null);
    }

    private ProviderException(String message, boolean retryable, Throwable cause, String verb, String type, String objectId,
                              String reason, ApiError apiError) {
        super(message, cause);
        this.retryable = retryable;
        this.verb = verb;
        this.type = type;
        this.objectId = objectId;
        this.reason = reason;
        this.apiError = apiError;
    }

    /**
     * A failure to {@code verb} an object of {@code type}; its message reads {@code cannot <verb> <type> <objectId>:
     * <reason>} for whoever prints it on its own.
     *
     * @param objectId the provider's name for the object ({@code vpc-0a1b}, a bucket's name), or null when it has none
     *                 (nothing created yet, or a call about several objects)
     * @param reason   what went wrong, in the API's words where it said any
     */
    public static ProviderException of(String verb, String type, String objectId, String reason, boolean retryable, Throwable cause) {
        Objects.requireNonNull(reason, "reason");
        return new ProviderException(message(verb, type, objectId, reason), retryable, cause, verb, type, objectId, reason, null);
    }

    /** A failure the API answered with {@code error}, told in its words: {@code Code: message (status n)}. */
    public static ProviderException api(String verb, String type, String objectId, ApiError error, boolean retryable, Throwable cause) {
        Objects.requireNonNull(error, "error");
        String reason = error.toString();
        return new ProviderException(message(verb, type, objectId, reason), retryable, cause, verb, type, objectId, reason, error);
    }

    private static String message(String verb, String type, String objectId, String reason) {
        return "cannot " + verb + " " + type + (objectId == null ? "" : " " + objectId) + ": " + reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The provider's id of the object the call was about, when the failure is structured and the object has one. */
    public Optional<String> objectId() {
        return Optional.ofNullable(objectId);
    }

    /** Why the call failed, without what was being done; empty for a failure made from a message alone. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** What the API answered, when the failure is its error answer. */
    public Optional<ApiError> apiError() {
        return Optional.ofNullable(apiError);
    }

    /** The same failure with {@code text} added to its reason, such as {@code "; empty the bucket first"}. */
    public ProviderException appended(String text) {
        if (reason == null) return new ProviderException(getMessage() + text, retryable, getCause());
        return new ProviderException(getMessage() + text, retryable, getCause(), verb, type, objectId, reason + text, apiError);
    }

    /** The same failure with {@code hint} (what the user can do) after its reason. */
    public ProviderException withHint(String hint) {
        return appended("; " + hint);
    }

    /** The same failure (same object, same API answer) told with another reason. */
    public ProviderException withReason(String newReason) {
        if (reason == null) return new ProviderException(newReason, retryable, getCause());
        return new ProviderException(message(verb, type, objectId, newReason), retryable, getCause(), verb, type, objectId, newReason,
                apiError);
    }

    /**
     * The same failure with every occurrence of {@code secret} (a password the call sent, which an API may quote back)
     * replaced; the cause, which may quote it too, is dropped.
     */
    public ProviderException redacted(String secret, String replacement) {
        String m = getMessage() == null ? null : getMessage().replace(secret, replacement);
        if (reason == null) return new ProviderException(m, retryable, null);
        ApiError e = apiError == null ? null : new ApiError(apiError.code(), apiError.message().replace(secret, replacement), apiError.status());
        return new ProviderException(m, retryable, null, verb, type, objectId, reason.replace(secret, replacement), e);
    }

    /**
     * This failure told as what the engine was doing, once: {@code cannot <verb> <what> (<objectId>): <reason>}, where
     * {@code what} names the resource ({@code aws_vpc net.aws_vpc.main}); the id is left out when {@code what} already
     * ends with it (a create's id is its address). Empty for a failure made from a message alone.
     */
    public Optional<String> describe(String verb, String what) {
        if (reason == null) return Optional.empty();
        boolean named = objectId == null || objectId.isBlank() || what.endsWith(" " + objectId);
        return Optional.of("cannot " + verb + " " + what + (named ? "" : " (" + objectId + ")") + ": " + reason);
    }
}
