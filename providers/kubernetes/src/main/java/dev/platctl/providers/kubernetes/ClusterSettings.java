package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach the cluster, from the provider block: a kubeconfig file and context (the standard
 * kubeconfig resolution, from the environment platctl runs in, when neither is set: the files $KUBECONFIG lists,
 * ~/.kube/config, or inside a pod the API server's service address and the service account mounted at
 * {@code serviceAccount}), or a host with a bearer token and CA certificate. Of the environment it keeps only the
 * variables that resolution reads, and its text form leaves the token out, so that logging the settings shows no secret.
 */
record ClusterSettings(Optional<String> kubeconfig, Optional<String> context, Optional<String> host,
                       Optional<String> token, Optional<String> caCert, Optional<String> namespace,
                       Duration waitTimeout, Path workspaceDir, Map<String, String> environment, Path serviceAccount) {
    /** Retries of a request that got no answer, 100 ms apart and doubling: about 1.5 s in all. */
    static final int RETRIES = 4;
    private static final String SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
    private static final String SERVICE_PORT = "KUBERNETES_SERVICE_PORT";
    /** The environment variables the standard kubeconfig resolution reads. */
    static final Set<String> ENVIRONMENT = Set.of("KUBECONFIG", "HOME", SERVICE_HOST, SERVICE_PORT);
    /** Where the kubelet mounts a pod's service account: its token, the cluster's CA certificate and the pod's namespace. */
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    ClusterSettings {
        Map<String, String> kept = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (ENVIRONMENT.contains(k) && v != null) kept.put(k, v);
        });
        environment = Collections.unmodifiableMap(kept);
    }

    @Override
    public String toString() {
        return "ClusterSettings[kubeconfig=" + kubeconfig + ", context=" + context + ", host=" + host
                + ", token=" + token.map(t -> "(sensitive)") + ", caCert=" + caCert.map(c -> "(" + c.length() + " characters)")
                + ", namespace=" + namespace + ", waitTimeout=" + waitTimeout + ", workspaceDir=" + workspaceDir
                + ", environment=" + environment + ", serviceAccount=" + serviceAccount + "]";
    }

    /** The kubeconfig file the provider block names, relative to the workspace. */
    Optional<Path> kubeconfigPath() {
        return kubeconfig.map(p -> workspaceDir.resolve(p).normalize());
    }

    /**
     * The fabric8 client configuration these settings describe. Fails with a message saying what was looked
     * for when no kubeconfig can be found or read, and when the context is not in it: fabric8 itself would
     * quietly fall back to the current context, which can be another cluster.
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
        } else {
            List<Source> sources = kubeconfigPath().map(p -> List.of(new Source(p, kubeconfig.get())))
                    .orElseGet(this::standardKubeconfigs);
            if (!sources.isEmpty()) config = fromKubeconfigs(sources);
            else if (environment.containsKey(SERVICE_HOST) && context.isEmpty()) config = inCluster();
            else throw configError("found no kubeconfig: " + whereLooked()
                    + "; set kubeconfig (and context), or host with token and ca_cert, in the provider \""
                    + KubernetesProvider.NAME + "\" block");
        }
        namespace.ifPresent(config::setNamespace);
        config.setHttp2Disable(true);
        config.setRequestRetryBackoffLimit(RETRIES);
        return config;
    }

    /**
     * Inside a pod, as client-go does it: the API server at $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT, the service
     * account's token (read again for every request: the kubelet replaces it before it expires), its CA certificate
     * when mounted, and the pod's namespace, all from this environment and mount rather than the process's own.
     */
    private Config inCluster() {
        String serviceHost = environment.get(SERVICE_HOST);
        String port = environment.get(SERVICE_PORT);
        String where = "platctl is running inside a cluster ($" + SERVICE_HOST + " is set)";
        if (serviceHost.isBlank() || port == null || port.isBlank())
            throw configError(where + ", but $" + SERVICE_HOST + " and $" + SERVICE_PORT + " must both be set, as Kubernetes sets them"
                    + " in a pod; set kubeconfig, or host with token and ca_cert, in the provider \"" + KubernetesProvider.NAME + "\" block");
        Path tokenFile = serviceAccount.resolve("token");
        String first;
        try {
            first = Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw configError(where + ", but cannot read its service account token " + tokenFile + ": " + ioProblem(e));
        }
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + (serviceHost.contains(":") ? "[" + serviceHost + "]" : serviceHost) + ":" + port)
                .withOauthTokenProvider(new TokenFile(tokenFile, new AtomicReference<>(first)));
        Path ca = serviceAccount.resolve("ca.crt");
        if (Files.isRegularFile(ca)) b.withCaCertFile(ca.toString());
        Config config = b.build();
        try {
            Path ns = serviceAccount.resolve("namespace");
            if (Files.isRegularFile(ns) && !Files.readString(ns).isBlank()) config.setNamespace(Files.readString(ns).strip());
        } catch (IOException e) {
            throw configError(where + ", but cannot read its namespace " + serviceAccount.resolve("namespace") + ": " + ioProblem(e));
        }
        return config;
    }

    /** A service account token file, read for each request; while it cannot be read, the token read last. */
    private record TokenFile(Path file, AtomicReference<String> last) implements OAuthTokenProvider {
        @Override
        public String getToken() {
            try {
                String now = Files.readString(file).strip();
                if (!now.isEmpty()) last.set(now);
            } catch (IOException e) {
                // the kubelet swaps the file atomically; a failed read keeps the token read last
            }
            return last.get();
        }
    }

    /** The namespace objects go in when their configuration names none. */
    String defaultNamespace(Config config) {
        return namespace.or(() -> Optional.ofNullable(config.getNamespace())).orElse("default");
    }

    /** A kubeconfig file and how messages name it. */
    private record Source(Path path, String shown) {
    }

    /**
     * Like kubectl: every file $KUBECONFIG lists that exists, else ~/.kube/config if it exists. One that exists but
     * cannot be read (a directory, no permission) is kept, so that reading it says what is wrong with it.
     */
    private List<Source> standardKubeconfigs() {
        List<Source> out = new ArrayList<>();
        for (Path p : candidates()) if (Files.exists(p)) out.add(new Source(p, p.toString()));
        return out;
    }

    private List<Path> candidates() {
        String list = environment.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            List<Path> out = new ArrayList<>();
            for (String s : list.split(File.pathSeparator)) if (!s.isBlank()) out.add(Path.of(s).toAbsolutePath().normalize());
            return out;
        }
        return List.of(home().resolve(".kube").resolve("config"));
    }

    private Path home() {
        String home = environment.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    /** Where the standard resolution looked, from the environment it looked in. */
    private String whereLooked() {
        String list = environment.get("KUBECONFIG");
        String files = list != null && !list.isBlank()
                ? "$KUBECONFIG lists " + String.join(", ", candidates().stream().map(Path::toString).toList()) + ", none of which exists"
                : "$KUBECONFIG is not set and " + candidates().get(0) + " does not exist";
        if (!environment.containsKey(SERVICE_HOST))
            return files + ", and platctl is not running inside a cluster ($" + SERVICE_HOST + " is not set)"
                    + context.map(c -> " (context \"" + c + "\" is set)").orElse("");
        return files + "; platctl is running inside a cluster ($" + SERVICE_HOST + " is set), but its service account"
                + " configuration has no contexts, and context \"" + context.orElse("") + "\" is set (leave context out to"
                + " use the service account)";
    }

    /**
     * Reads and merges the files as kubectl does (the first file to name a context, cluster or user wins) and
     * selects the context, checked against the names the files hold before anything else happens: merging
     * already runs a user's exec credential plugin, which must not happen for a context the user did not ask for.
     */
    private Config fromKubeconfigs(List<Source> sources) {
        String shown = String.join(", ", sources.stream().map(Source::shown).toList());
        List<io.fabric8.kubernetes.api.model.Config> parsed = new ArrayList<>();
        for (Source s : sources) {
            io.fabric8.kubernetes.api.model.Config c;
            try {
                c = KubeConfigUtils.parseConfig(s.path().toFile());
            } catch (RuntimeException e) {
                throw configError("cannot read kubeconfig " + s.shown() + ": " + unreadable(e));
            }
            if (c == null) throw configError("cannot read kubeconfig " + s.shown() + ": the file is empty");
            parsed.add(c);
        }
        Set<String> names = new LinkedHashSet<>();
        for (var c : parsed) if (c.getContexts() != null) for (NamedContext n : c.getContexts()) names.add(n.getName());
        String has = names.isEmpty() ? "it has none" : "it has: " + String.join(", ", names);
        Optional<String> current = parsed.stream().map(io.fabric8.kubernetes.api.model.Config::getCurrentContext)
                .filter(s -> s != null && !s.isBlank()).findFirst();
        String selected;
        if (context.isPresent()) {
            selected = context.get();
            if (!names.contains(selected))
                throw configError("context \"" + selected + "\" is not in " + shown + " (" + has + ")");
        } else if (current.isEmpty()) {
            throw configError(shown + " sets no current-context and the provider block sets no context (" + has + ")");
        } else {
            selected = current.get();
            if (!names.contains(selected))
                throw configError("the current-context \"" + selected + "\" of " + shown + " is not one of its contexts (" + has
                        + "); set context in the provider block");
        }
        Config config = Config.empty();
        try {
            KubeConfigUtils.merge(config, selected, parsed.toArray(io.fabric8.kubernetes.api.model.Config[]::new));
        } catch (RuntimeException e) {
            throw configError("cannot use context \"" + selected + "\" of " + shown + ": " + ApiErrors.chain(e));
        }
        if (config.getCurrentContext() == null || !selected.equals(config.getCurrentContext().getName()))
            throw configError("cannot select context \"" + selected + "\" of " + shown + " (" + has + ")");
        return config;
    }

    private static final Pattern YAML_MARK = Pattern.compile("\\s*in reader, line (\\d+), column (\\d+):?");
    private static final Pattern JSON_MARK = Pattern.compile("line: (\\d+), column: (\\d+)");

    /**
     * Why a kubeconfig could not be read: the file itself (missing, a directory, no permission, an I/O error), or its
     * YAML, with the line and column, without quoting the file: the YAML parser shows the offending line, and a
     * kubeconfig's lines hold tokens and keys.
     */
    static String unreadable(RuntimeException e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause())
            if (c instanceof IOException io && c.getClass().getName().startsWith("java.")) return ioProblem(io);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage() == null ? "" : root.getMessage();
        if (m.contains(" in reader, line ")) {
            List<String> words = new ArrayList<>();
            String at = "";
            for (String line : m.split("\\R")) {
                Matcher mark = YAML_MARK.matcher(line);
                if (mark.matches()) at = "line " + mark.group(1) + ", column " + mark.group(2);
                else if (!line.isBlank() && !line.startsWith(" ")) words.add(line.strip());
            }
            return "invalid YAML at " + at + ": " + String.join("; ", words);
        }
        Matcher mark = JSON_MARK.matcher(m);
        return "it holds no kubeconfig (a mapping with clusters, contexts and users)" + (mark.find()
                ? " at line " + mark.group(1) + ", column " + mark.group(2) : "");
    }

    /** What went wrong reading a file, in words: the JDK's exceptions name the file, and often little else. */
    static String ioProblem(IOException e) {
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (e instanceof NoSuchFileException || (e instanceof FileNotFoundException && m != null && m.endsWith("(No such file or directory)")))
            return "the file does not exist";
        if (e instanceof AccessDeniedException || (m != null && m.endsWith("Permission denied")) || (m != null && m.endsWith("(Permission denied)")))
            return "permission denied: the user platctl runs as may not read it";
        if (m != null && (m.equals("Is a directory") || m.endsWith("(Is a directory)"))) return "it is a directory, not a file";
        return "reading it failed: " + e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static ProviderException configError(String reason) {
        return new ProviderConfigurationException(KubernetesProvider.NAME, reason);
    }
}
