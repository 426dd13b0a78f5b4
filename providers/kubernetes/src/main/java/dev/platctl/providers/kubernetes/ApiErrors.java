package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the client's exceptions into provider errors that keep the API server's own words and say what platctl was
 * doing to which object. Request bodies are never quoted, and the values of a Secret being applied are taken out of the
 * server's words (an admission webhook or policy may quote them), but other values platctl sent may appear there.
 */
final class ApiErrors {
    static final int CONFLICT = 409;
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    /** The alerts a server sends when it does not accept the client's certificate (or gets none). */
    private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("bad_certificate", "certificate_required", "unknown_ca",
            "certificate_unknown", "certificate_expired", "certificate_revoked", "unsupported_certificate", "access_denied");

    private ApiErrors() {
    }

    /**
     * The failure of {@code verb}ing the object of {@code type} the cluster knows as {@code id} ({@code namespace/name},
     * {@code name} for a cluster-wide object, null for a call about several objects or none), with the object and the
     * API server's answer apart so the engine tells it once, with the resource's address: an answer is its Status reason
     * ({@code Invalid}, {@code Forbidden}, ...), message and HTTP status; a refused TLS handshake or no answer at all says so.
     */
    static ProviderException of(String verb, String type, String id, KubernetesClientException e) {
        return of(verb, type, id, e, SecretValues.NONE);
    }

    /** The same, with {@code sent} (the values of a Secret platctl sent) taken out of the API server's words. */
    static ProviderException of(String verb, String type, String id, KubernetesClientException e, SecretValues sent) {
        Optional<String> tls = tlsFailure(e);
        if (tls.isPresent()) return ProviderException.of(verb, type, id, tls.get() + " (" + root(e) + ")", false, null);
        boolean retryable = e.getCode() == 429 || e.getCode() >= 500 || e.getCode() <= 0;
        String words = sent.redact(serverWords(e));
        if (e.getCode() <= 0) return ProviderException.of(verb, type, id, words, retryable, null);
        ProviderException.ApiError answer = ProviderException.ApiError.of(reason(e), words, e.getCode());
        return ProviderException.api(verb, type, id, answer, retryable, null);
    }

    /** A server-side apply conflict: the message names the field managers that own the fields; the hint says what to do. */
    static ProviderException conflict(String verb, String type, String id, KubernetesClientException e, SecretValues sent) {
        return of(verb, type, id, e, sent).withHint("another field manager owns these fields: set force_conflicts = true to take them"
                + " over, or change the configuration to agree");
    }

    /** The Status's reason ({@code Invalid}, {@code Conflict}, {@code NotFound}, ...), when the server sent one. */
    private static String reason(KubernetesClientException e) {
        Status s = e.getStatus();
        return s == null ? null : s.getReason();
    }

    private static String serverWords(KubernetesClientException e) {
        Status s = e.getStatus();
        if (s != null && s.getMessage() != null && !s.getMessage().isBlank()) return s.getMessage();
        if (e.getCause() != null) return "no answer from the API server: " + chain(e.getCause());
        String m = e.getMessage();
        int cut = m == null ? -1 : m.indexOf(". Received status");
        return m == null ? e.getClass().getSimpleName() : cut > 0 ? m.substring(0, cut) : m;
    }

    /**
     * Why the TLS handshake failed, when it did: platctl did not trust the server's certificate (it checks it itself,
     * and finds no CA it trusts or a certificate for another host), or the server sent a fatal alert refusing the
     * client's certificate (mutual TLS: none given, or one it does not accept), or something else in the handshake.
     */
    private static Optional<String> tlsFailure(Throwable t) {
        boolean handshake = false;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateException)
                return Optional.of("the TLS handshake failed: platctl does not trust the API server's certificate: it is not"
                        + " signed by the configured CA (ca_cert, or the kubeconfig's certificate-authority), or it is not valid"
                        + " for the host name");
            String m = c.getMessage() == null ? "" : c.getMessage();
            Matcher alert = ALERT.matcher(m);
            if (c instanceof SSLException && alert.find()) {
                String name = alert.group(1);
                if (CLIENT_CERTIFICATE_ALERTS.contains(name))
                    return Optional.of("the TLS handshake failed: the API server (or a proxy in front of it) refused platctl's"
                            + " client certificate: it requires one and none was configured, or it does not"
                            + " accept the configured one (client-certificate in the kubeconfig)");
                return Optional.of("the TLS handshake failed: the API server sent the alert " + name);
            }
            handshake |= c instanceof SSLHandshakeException;
        }
        return handshake ? Optional.of("the TLS handshake with the API server failed") : Optional.empty();
    }

    /** The innermost cause's class name and message: the TLS exceptions repeat it at every level. */
    private static String root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    /** The causes' class names and messages, outermost first: {@code ConnectException <- ClosedChannelException}. */
    static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (out.length() > 0) out.append(" <- ");
            out.append(c.getClass().getSimpleName());
            if (c.getMessage() != null && !c.getMessage().isBlank()) out.append(": ").append(c.getMessage());
        }
        return out.toString();
    }
}
