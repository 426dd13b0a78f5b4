package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns the client's exceptions into provider errors that keep the API server's own words and say what
 * platctl was doing; request bodies are never quoted, so secret data cannot leak into a message.
 */
final class ApiErrors {
    static final int CONFLICT = 409;

    private ApiErrors() {
    }

    static ProviderException of(String doing, KubernetesClientException e) {
        String words = serverWords(e);
        boolean tls = tlsFailure(e);
        boolean retryable = !tls && (e.getCode() == 429 || e.getCode() >= 500 || e.getCode() <= 0);
        if (tls) words = "the API server's TLS certificate is not trusted: it is not signed by the configured CA (ca_cert, or the"
                + " kubeconfig's certificate-authority), or it is not valid for the host name; " + words;
        String status = e.getCode() > 0 ? " (status " + e.getCode() + ")" : "";
        return new ProviderException("cannot " + doing + ": " + words + status, retryable, null);
    }

    /** A server-side apply conflict: the message names the field managers that own the fields. */
    static ProviderException conflict(String doing, KubernetesClientException e) {
        return new ProviderException("cannot " + doing + ": " + serverWords(e) + " (status " + CONFLICT
                + "); another field manager owns these fields: set force_conflicts = true to take them over,"
                + " or change the configuration to agree", false, null);
    }

    private static String serverWords(KubernetesClientException e) {
        Status s = e.getStatus();
        if (s != null && s.getMessage() != null && !s.getMessage().isBlank()) return s.getMessage();
        if (e.getCause() != null) return "no answer from the API server: " + chain(e.getCause());
        String m = e.getMessage();
        int cut = m == null ? -1 : m.indexOf(". Received status");
        return m == null ? e.getClass().getSimpleName() : cut > 0 ? m.substring(0, cut) : m;
    }

    /** Whether the request failed because the server's certificate did not check out. */
    private static boolean tlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause())
            if (c instanceof javax.net.ssl.SSLHandshakeException || c instanceof java.security.cert.CertificateException) return true;
        return false;
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
