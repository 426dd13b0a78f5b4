package dev.platctl.providers.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The places credentials are looked for, in order: the first that gives credentials is used from then on (it refreshes
 * its own), and when none does the failure names every place and why it gave none, then what to set. The SDK's
 * {@code AwsCredentialsProviderChain} keeps its providers' failures only as one string of their {@code toString()}s, so
 * the error could not name the places in the user's words; each place here is still one of the SDK's providers.
 * "None gives credentials" is found out once: a new configuration makes a new chain (asking the instance metadata
 * off EC2 costs its timeouts, which every resource's call would pay again).
 */
final class CredentialsChain implements AwsCredentialsProvider, SdkAutoCloseable {
    /** One place: its provider, or why it is not looked in (its variables are not set). */
    record Source(String name, Optional<AwsCredentialsProvider> provider, String notUsed) {
        Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
        }

        static Source of(String name, AwsCredentialsProvider provider) {
            return new Source(name, Optional.of(provider), "");
        }

        static Source notUsed(String name, String why) {
            return new Source(name, Optional.empty(), why);
        }
    }

    private final List<Source> sources;
    private final String advice;
    private volatile Source chosen;
    private String none;

    /** @param advice what to set when no place gives credentials */
    CredentialsChain(List<Source> sources, String advice) {
        this.sources = List.copyOf(sources);
        this.advice = advice;
    }

    List<Source> sources() {
        return sources;
    }

    /** The place that gave credentials, once one has. */
    Optional<Source> chosen() {
        return Optional.ofNullable(chosen);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        Source c = chosen;
        if (c == null) return choose();
        try {
            return c.provider().orElseThrow().resolveCredentials();
        } catch (RuntimeException e) {
            throw CredentialsUnavailable.of("cannot get credentials from " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /** Asks each place in turn; the SDK's own chain likewise goes on past a place that fails, keeping why. */
    private synchronized AwsCredentials choose() {
        if (chosen != null) return resolveCredentials();
        if (none != null) throw CredentialsUnavailable.of(none, null);
        List<String> tried = new ArrayList<>();
        RuntimeException last = null;
        for (Source s : sources) {
            if (s.provider().isEmpty()) {
                tried.add(s.name() + " (" + s.notUsed() + ")");
                continue;
            }
            try {
                AwsCredentials found = s.provider().get().resolveCredentials();
                chosen = s;
                return found;
            } catch (RuntimeException e) {
                // the SDK throws IllegalStateException too, for a profile it cannot use (a module missing, a bad setting)
                last = e;
                tried.add(s.name() + " (" + e.getMessage() + ")");
            }
        }
        none = "no credentials found; looked in, in order: " + String.join("; ", tried) + ". " + advice;
        throw CredentialsUnavailable.of(none, last);
    }

    @Override
    public void close() {
        for (Source s : sources)
            if (s.provider().orElse(null) instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a credentials provider only ends its refresh thread; nothing is lost if that fails
                }
            }
    }
}
