package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * How to reach the cluster, from the provider block: a kubeconfig file and context (the standard
 * kubeconfig resolution when neither is set), or a host with a bearer token and CA certificate.
 */
record ClusterSettings(Optional<Path> kubeconfig, Optional<String> context, Optional<String> host,
                       Optional<String> token, Optional<String> caCert, Optional<String> namespace,
                       Duration waitTimeout) {
    /** Retries of a request that got no answer, 100 ms apart and doubling: about 1.5 s in all. */
    static final int RETRIES = 4;

    /**
     * The fabric8 client configuration these settings describe; fails when a kubeconfig cannot be read.
     * HTTP/1.1 because the API server closes an HTTP/2 connection whose request failed authentication, and
     * the JDK client then reports the closed connection instead of the server's 401.
     */
    Config toConfig() {
        Config config;
        if (host.isPresent()) {
            ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(host.get());
            token.ifPresent(b::withOauthToken);
            caCert.ifPresent(pem -> b.withCaCertData(
                    Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
            config = b.build();
        } else if (kubeconfig.isPresent()) {
            config = Config.fromKubeconfig(context.orElse(null), kubeconfig.get().toFile());
        } else {
            config = Config.autoConfigure(context.orElse(null));
        }
        namespace.ifPresent(config::setNamespace);
        config.setHttp2Disable(true);
        config.setRequestRetryBackoffLimit(RETRIES);
        return config;
    }

    /** The namespace objects go in when their configuration names none. */
    String defaultNamespace(Config config) {
        return namespace.or(() -> Optional.ofNullable(config.getNamespace())).orElse("default");
    }
}
