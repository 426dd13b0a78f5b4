package dev.platctl.providers.kubernetes;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane on loopback, started once per test JVM and stopped after its tests (a
 * failure to start fails them): etcd, kube-apiserver with static tokens (an admin, and a user with no permissions of
 * its own), a self-signed serving certificate and service-account keys, and kube-controller-manager running only the namespace and
 * garbage-collector controllers so that deleted namespaces really go away. Public, through this module's test-jar,
 * for the CLI's end-to-end tests.
 */
public final class KubeApiServer implements BeforeAllCallback {
    static final String UNPRIVILEGED_USER = "platctl-unprivileged";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static ControlPlane running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context);
    }

    /** The running control plane, started on first use. */
    static synchronized ControlPlane start(ExtensionContext context) throws Exception {
        if (running == null) {
            ControlPlane cp = ControlPlane.start(KubeBinaries.ensure());
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(KubeApiServer.class.getName(), cp);
            running = cp;
        }
        return running;
    }

    public static synchronized ControlPlane get() {
        if (running == null) throw new IllegalStateException("the KubeApiServer extension has not started the control plane");
        return running;
    }

    /**
     * The started processes, their folder and how to reach the API server: as admin with {@code token}, or with
     * {@code unprivilegedToken} as the user {@value #UNPRIVILEGED_USER}, who may do only what RBAC grants every
     * authenticated user (discovery, reviewing its own access) and what a test grants it.
     */
    public record ControlPlane(Path dir, Path kubeconfig, String host, String token, String unprivilegedToken, String caCert,
                               List<Process> processes)
            implements AutoCloseable {

        static ControlPlane start(KubeBinaries bin) throws Exception {
            Path dir = Files.createTempDirectory("platctl-kube-");
            List<Process> processes = new ArrayList<>();
            try {
                return start(bin, dir, processes);
            } catch (Exception | Error e) {
                stop(processes);
                throw new IllegalStateException("cannot start the test Kubernetes control plane in " + dir + ": " + e.getMessage()
                        + "\n--- etcd.log ---\n" + tail(dir.resolve("etcd.log"))
                        + "\n--- kube-apiserver.log ---\n" + tail(dir.resolve("kube-apiserver.log")), e);
            }
        }

        private static ControlPlane start(KubeBinaries bin, Path dir, List<Process> processes) throws Exception {
            int etcdClient = freePort();
            int etcdPeer = freePort();
            int apiPort = freePort();
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            String unprivilegedToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Files.writeString(dir.resolve("tokens.csv"), token + ",admin,admin-uid,system:masters\n"
                    + unprivilegedToken + "," + UNPRIVILEGED_USER + ",unprivileged-uid\n");
            writeServiceAccountKey(dir.resolve("sa.key"));
            Path certs = Files.createDirectories(dir.resolve("certs"));
            String etcdUrl = "http://127.0.0.1:" + etcdClient;
            String peerUrl = "http://127.0.0.1:" + etcdPeer;
            processes.add(run(dir, "etcd", List.of(bin.path(KubeBinaries.ETCD).toString(),
                    "--data-dir", dir.resolve("etcd-data").toString(), "--name", "platctl-test",
                    "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
                    "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", "platctl-test=" + peerUrl, "--unsafe-no-fsync", "--log-level", "warn")));
            processes.add(run(dir, "kube-apiserver", List.of(bin.path(KubeBinaries.APISERVER).toString(),
                    "--etcd-servers", etcdUrl, "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
                    "--secure-port", String.valueOf(apiPort), "--cert-dir", certs.toString(),
                    "--token-auth-file", dir.resolve("tokens.csv").toString(), "--authorization-mode", "RBAC",
                    "--service-account-key-file", dir.resolve("sa.key").toString(),
                    "--service-account-signing-key-file", dir.resolve("sa.key").toString(),
                    "--service-account-issuer", "https://kubernetes.default.svc",
                    "--service-cluster-ip-range", "10.0.0.0/24", "--endpoint-reconciler-type", "none")));
            String host = "https://127.0.0.1:" + apiPort;
            Path crt = certs.resolve("apiserver.crt");
            waitFor(() -> Files.isRegularFile(crt) && Files.size(crt) > 0, processes, "the serving certificate");
            String caCert = Files.readString(crt);
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(crt)).connectTimeout(Duration.ofSeconds(2)).build();
            waitFor(() -> ready(http, host, token), processes, host + "/readyz");
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfigText(host, token, crt));
            processes.add(run(dir, "kube-controller-manager", List.of(bin.path(KubeBinaries.CONTROLLER_MANAGER).toString(),
                    "--kubeconfig", kubeconfig.toString(), "--controllers", "namespace,garbagecollector",
                    "--leader-elect=false", "--secure-port", "0", "--use-service-account-credentials=false")));
            return new ControlPlane(dir, kubeconfig, host, token, unprivilegedToken, caCert, List.copyOf(processes));
        }

        @Override
        public void close() throws IOException {
            stop(processes);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        /** Stops the processes in reverse start order: controller manager, API server, then etcd. */
        private static void stop(List<Process> processes) {
            for (int i = processes.size() - 1; i >= 0; i--) {
                Process p = processes.get(i);
                p.destroy();
                try {
                    if (!p.waitFor(15, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, List<Process> processes, String what) throws Exception {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (Process p : processes)
                if (!p.isAlive()) throw new IllegalStateException(p.info().command().orElse("a process") + " exited with " + p.exitValue());
            if (check.ok()) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " not ready after " + READY_TIMEOUT);
    }

    private static boolean ready(HttpClient http, String host, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(host + "/readyz"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process run(Path dir, String name, List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void writeServiceAccountKey(Path file) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
    }

    /** Trusts every certificate in the API server's self-signed bundle (its certificate and the CA that signed it). */
    private static SSLContext trusting(Path crt) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(crt)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("c" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String kubeconfigText(String host, String token, Path crt) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: test
                  context: {cluster: test, user: admin, namespace: default}
                current-context: test
                """.formatted(host, crt, token);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
