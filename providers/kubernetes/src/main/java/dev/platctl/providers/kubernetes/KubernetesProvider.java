package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The provider for Kubernetes clusters: objects applied with server-side apply through the fabric8 client. */
public final class KubernetesProvider implements Provider {
    public static final String NAME = "kubernetes";
    static final String KUBECONFIG = "kubeconfig";
    static final String CONTEXT = "context";
    static final String HOST = "host";
    static final String TOKEN = "token";
    static final String CA_CERT = "ca_cert";
    static final String NAMESPACE = "namespace";
    static final String WAIT_TIMEOUT = "wait_timeout_seconds";
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    private static final List<AttributeSchema> CONFIG_SCHEMA = List.of(
            AttributeSchema.optional(KUBECONFIG, AttributeType.STRING,
                    "Path of a kubeconfig file (relative to the workspace); default: $KUBECONFIG, then ~/.kube/config."),
            AttributeSchema.optional(CONTEXT, AttributeType.STRING, "The kubeconfig context (default: its current context)."),
            AttributeSchema.optional(HOST, AttributeType.STRING, "The API server's URL, instead of a kubeconfig."),
            AttributeSchema.optional(TOKEN, AttributeType.STRING, "A bearer token for host.").asSensitive(),
            AttributeSchema.optional(CA_CERT, AttributeType.STRING, "The PEM CA certificate that signed host's serving certificate."),
            AttributeSchema.optional(NAMESPACE, AttributeType.STRING,
                    "The namespace for objects that name none (default: the kubeconfig context's, else \"default\")."),
            AttributeSchema.optional(WAIT_TIMEOUT, AttributeType.NUMBER,
                    "How long a delete waits for finalizers, and a workload for its rollout, in seconds (default 300)."));

    private final ProviderContext context;
    private final Path serviceAccount;
    private volatile Cluster cluster;
    private volatile List<ResourceType> types = List.of();

    public KubernetesProvider(ProviderContext context) {
        this(context, ClusterSettings.SERVICE_ACCOUNT);
    }

    /** With {@code serviceAccount}: where a pod's service account is mounted, another folder in tests. */
    KubernetesProvider(ProviderContext context, Path serviceAccount) {
        this.context = context;
        this.serviceAccount = serviceAccount;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AttributeSchema> configSchema() {
        return CONFIG_SCHEMA;
    }

    /**
     * Checks the settings and prepares the cluster connection; nothing is contacted until a resource needs
     * the cluster, so a workspace without Kubernetes resources needs no kubeconfig. Offline, the kubeconfig file the
     * block names is not looked for either: it holds credentials, which a check without the cluster does not have.
     */
    @Override
    public Diagnostics configure(ObjectValue config) {
        Diagnostics diags = new Diagnostics();
        config.attributes().forEach((key, value) -> {
            if (CONFIG_SCHEMA.stream().noneMatch(a -> a.name().equals(key)))
                diags.add(Diagnostic.error("Unsupported provider setting \"" + key + "\"",
                        "provider \"" + NAME + "\" accepts " + CONFIG_SCHEMA.stream().map(AttributeSchema::name)
                                .collect(Collectors.joining(", ")) + "."));
        });
        Optional<String> kubeconfig = string(config, KUBECONFIG, diags);
        Optional<String> host = string(config, HOST, diags);
        Optional<String> kubeContext = string(config, CONTEXT, diags);
        if (host.isPresent() && (kubeconfig.isPresent() || kubeContext.isPresent()))
            diags.add(Diagnostic.error("Conflicting provider settings", "provider \"" + NAME
                    + "\" takes either kubeconfig and context or host (with token and ca_cert), not both; it has host and "
                    + (kubeconfig.isPresent() ? "kubeconfig" : "context") + "."));
        Duration wait = DEFAULT_WAIT;
        Value w = config.getOrNull(WAIT_TIMEOUT).unwrap();
        if (w instanceof NumberValue n && n.isInteger() && n.value().signum() > 0) wait = Duration.ofSeconds(n.value().longValueExact());
        else if (!w.isNull())
            diags.add(Diagnostic.error("Invalid value for \"" + WAIT_TIMEOUT + "\"", "provider \"" + NAME + "\" needs "
                    + WAIT_TIMEOUT + " to be a whole number of seconds above 0."));
        ClusterSettings settings = new ClusterSettings(kubeconfig, kubeContext, host,
                string(config, TOKEN, diags), string(config, CA_CERT, diags), string(config, NAMESPACE, diags), wait,
                context.workspaceDir(), context.environment(), serviceAccount);
        settings.kubeconfigPath().filter(p -> !context.offline() && !Files.isRegularFile(p)).ifPresent(p -> diags.add(Files.isDirectory(p)
                ? Diagnostic.error("Kubeconfig is a directory", "provider \"" + NAME + "\": " + p + " is a directory, not a kubeconfig file.")
                : Diagnostic.error("Kubeconfig not found", "provider \"" + NAME + "\": no kubeconfig file at " + p + ".")));
        close();
        Cluster c = new Cluster(settings, context.offline());
        cluster = c;
        RolloutWaiter waiter = new RolloutWaiter(c, context.clock(), Sleeper.REAL);
        List<ResourceType> all = new ArrayList<>(List.of(new NamespaceType(c), new ConfigMapType(c), new SecretType(c),
                new DeploymentType(c, waiter), new ServiceType(c)));
        all.addAll(TypedKinds.all(c));
        all.add(new ManifestType(c, waiter));
        types = List.copyOf(all);
        return diags;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        if (cluster == null) configure(ObjectValue.EMPTY);
        return types;
    }

    @Override
    public void close() {
        Cluster c = cluster;
        if (c != null) c.close();
    }

    private static Optional<String> string(ObjectValue config, String key, Diagnostics diags) {
        Value v = config.getOrNull(key).unwrap();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && !s.value().isBlank()) return Optional.of(s.value());
        diags.add(Diagnostic.error("Invalid value for \"" + key + "\"",
                "provider \"" + NAME + "\" needs " + key + " to be a known, non-empty string."));
        return Optional.empty();
    }
}
