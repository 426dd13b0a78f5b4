package dev.platctl.engine.provider;

import dev.platctl.engine.PlatctlException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A provider call failed. The message keeps the API's own words. A provider that builds it with {@link #of} or
 * {@link #api} also says what it was doing ({@code verb} and {@code type}), to which object (by the provider's own id)
 * and why, apart: the engine then tells the failure once, with the resource's address
 * ({@code cannot update aws_vpc net.aws_vpc.main (vpc-0a1b): DependencyViolation: ... (status 400)}), instead of
 * putting its words in front of the provider's ({@link #told}). One made from a message alone is told as that message.
 */
public class ProviderException extends PlatctlException {
    /**
     * The provider verbs that name the engine's call itself, not a step inside it: Kubernetes creates and updates by
     * server-side apply and waits for the object as part of it; a delete is the engine's destroy; an import is a read by id.
     */
    private static final Map<String, Set<String>> SAME_CALL = Map.of(
            "create", Set.of("apply", "wait for"),
            "update", Set.of("apply", "wait for"),
            "destroy", Set.of("delete", "wait for"),
            "import", Set.of("read"));
    /** Particles that go after the object of a phrasal verb ({@code look it up}); others, such as "for", go before it. */
    private static final Set<String> PARTICLES = Set.of("up", "down", "out", "off", "over", "back", "away");

    private final boolean retryable;
    private final String verb;
    private final String type;
    private final String objectId;
    private final String reason;

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
        this(message, retryable, cause, null, null, null, null);
    }

    public ProviderException(String message) {
        this(message, false, null);
    }

    private ProviderException(String message, boolean retryable, Throwable cause, String verb, String type, String objectId,
                              String reason) {
        super(message, cause);
        this.retryable = retryable;
        this.verb = verb;
        this.type = type;
        this.objectId = objectId == null || objectId.isBlank() ? null : objectId;
        this.reason = reason;
    }

    /**
     * A failure to {@code verb} an object of {@code type}; its message reads {@code cannot <verb> <type> <objectId>:
     * <reason>} for whoever prints it on its own.
     *
     * @param type     what the call was about: the resource type, or something narrower or other than the object
     *                 itself ({@code kind Widget in example.com/v1}, {@code Pod in namespace shop})
     * @param objectId the provider's name for the object ({@code vpc-0a1b}, a bucket's name), or null when it has none
     *                 (nothing created yet, or a call about several objects or none, such as a listing)
     * @param reason   what went wrong, in the API's words where it said any
     */
    public static ProviderException of(String verb, String type, String objectId, String reason, boolean retryable, Throwable cause) {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        return new ProviderException(message(verb, type, objectId, reason), retryable, cause, verb, type, objectId, reason);
    }

    /** A failure the API answered with {@code error}, told in its words: {@code Code: message (status n)}. */
    public static ProviderException api(String verb, String type, String objectId, ApiError error, boolean retryable, Throwable cause) {
        Objects.requireNonNull(error, "error");
        return of(verb, type, objectId, error.toString(), retryable, cause);
    }

    private static String message(String verb, String type, String objectId, String reason) {
        return "cannot " + verb + " " + type + (objectId == null || objectId.isBlank() ? "" : " " + objectId) + ": " + reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Why the call failed, without what was being done; empty for a failure made from a message alone. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The same failure with {@code text} added to its reason, such as {@code "; empty the bucket first"}. */
    private ProviderException appended(String text, boolean retryable, Throwable cause) {
        if (reason == null) return new ProviderException(getMessage() + text, retryable, cause);
        return new ProviderException(getMessage() + text, retryable, cause, verb, type, objectId, reason + text);
    }

    /** The same failure with {@code hint} (what the user can do) after its reason. */
    public ProviderException withHint(String hint) {
        return appended("; " + hint, retryable, getCause());
    }

    /**
     * This failure as the last word on the call, with {@code note} (how the attempts ended, such as
     * {@code " (gave up after 4 attempts)"}) after its reason: not retryable, and caused by this failure.
     */
    public ProviderException finalWith(String note) {
        return appended(note, false, this);
    }

    /** The same failure (same object) told with another reason. */
    public ProviderException withReason(String newReason) {
        if (reason == null) return new ProviderException(newReason, retryable, getCause());
        return new ProviderException(message(verb, type, objectId, newReason), retryable, getCause(), verb, type, objectId, newReason);
    }

    /**
     * The same failure with every occurrence of {@code secret} (a password the call sent, which an API may quote back)
     * replaced; the cause, which may quote it too, is dropped.
     */
    public ProviderException redacted(String secret, String replacement) {
        String m = getMessage() == null ? null : getMessage().replace(secret, replacement);
        if (reason == null) return new ProviderException(m, retryable, null);
        return new ProviderException(m, retryable, null, verb, type, objectId, reason.replace(secret, replacement));
    }

    /**
     * A failed provider call, told as what the engine was doing to which resource. {@code what} names the resource
     * ({@code aws_vpc net.aws_vpc.main}). One rule for every phase:
     * <ul>
     * <li>a failure that says what and why apart ({@link #of}, {@link #api}) is told once:
     * {@code cannot <verb> <what> (<objectId>): [<step>: ]<reason>}, where the step is what the provider was doing when that
     * was not the engine's call itself ({@code discovering kind Widget in example.com/v1}, {@code looking it up});</li>
     * <li>a message that already says what failed to which address ({@code cannot ...} naming it) is kept as it is;</li>
     * <li>any other is put after {@code cannot <verb> <what>: }.</li>
     * </ul>
     */
    public static String told(String verb, String what, Throwable e) {
        if (e instanceof ProviderException p && p.reason != null) return p.describe(verb, what);
        String m = text(e);
        String address = what.substring(what.indexOf(' ') + 1);
        if (m.startsWith("cannot ") && m.contains(address)) return m;
        return "cannot " + verb + " " + what + ": " + m;
    }

    /** Why {@code e} failed without what the provider was doing, when it said them apart; its message otherwise. */
    public static String reasonOf(Throwable e) {
        if (e instanceof ProviderException p && p.reason != null) return p.reason;
        return text(e);
    }

    /** The message of one of platctl's own failures; anything else (a bug) also says its class. */
    private static String text(Throwable e) {
        return e instanceof PlatctlException && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * The id is shown after the address unless it is the address itself (a provider that names a created object by
     * its idempotency key): then it would say nothing new.
     */
    private String describe(String engineVerb, String what) {
        int space = what.indexOf(' ');
        String engineType = space < 0 ? what : what.substring(0, space);
        String address = what.substring(space + 1);
        boolean showId = objectId != null && !objectId.equals(address);
        return "cannot " + engineVerb + " " + what + (showId ? " (" + objectId + ")" : "") + ": " + step(engineVerb, engineType) + reason;
    }

    /**
     * What the provider was doing, when it is not simply the engine's call on this object: another verb (a lookup during
     * a create), or a call about something other than one object of the type (a listing, a discovery of the API).
     * Empty when the provider's words would only say again what the engine says.
     */
    private String step(String engineVerb, String engineType) {
        boolean sameCall = verb.equals(engineVerb) || SAME_CALL.getOrDefault(engineVerb, Set.of()).contains(verb);
        boolean sameSubject = objectId != null || type.equals(engineType);
        if (sameCall && sameSubject) return "";
        return gerund(verb, type.equals(engineType) ? "it" : type) + ": ";
    }

    /** {@code discover}, {@code kind X} → {@code discovering kind X}; {@code look up}, {@code it} → {@code looking it up}. */
    static String gerund(String verb, String object) {
        String[] words = verb.trim().split("\\s+");
        String first = ing(words[0]);
        String rest = String.join(" ", java.util.Arrays.asList(words).subList(1, words.length));
        if (rest.isEmpty()) return first + " " + object;
        if (object.equals("it") && PARTICLES.contains(rest)) return first + " it " + rest;
        return first + " " + rest + " " + object;
    }

    /** The -ing form of one English verb: {@code create → creating}, {@code list → listing}, {@code get → getting}. */
    static String ing(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        if (w.endsWith("ie")) return word.substring(0, word.length() - 2) + "ying";
        if (w.length() > 2 && w.endsWith("e") && !w.endsWith("ee") && !w.endsWith("ye") && !w.endsWith("oe"))
            return word.substring(0, word.length() - 1) + "ing";
        int n = w.length();
        boolean oneVowelGroup = w.replaceAll("[^aeiou]+", " ").trim().split(" ").length == 1;
        if (n >= 3 && oneVowelGroup && !vowel(w.charAt(n - 3)) && vowel(w.charAt(n - 2)) && !vowel(w.charAt(n - 1))
                && "wxy".indexOf(w.charAt(n - 1)) < 0)
            return word + word.charAt(word.length() - 1) + "ing";
        return word + "ing";
    }

    private static boolean vowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
