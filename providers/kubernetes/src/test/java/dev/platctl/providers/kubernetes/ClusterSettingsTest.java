package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider's connection settings on their own: what they keep of the environment, and how read failures read. */
class ClusterSettingsTest {
    @Test
    void keepsOnlyTheEnvironmentTheKubeconfigResolutionReadsAndItsTextShowsNoSecret() {
        ClusterSettings s = new ClusterSettings(Optional.empty(), Optional.empty(), Optional.of("https://k8s.example:6443"),
                Optional.of("tok-secret-1"), Optional.of("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
                Optional.empty(), Duration.ofSeconds(5), Path.of("/ws"),
                Map.of("KUBECONFIG", "/etc/kube/config", "HOME", "/home/ci", "KUBERNETES_SERVICE_HOST", "10.0.0.1",
                        "KUBERNETES_SERVICE_PORT", "443", "AWS_SECRET_ACCESS_KEY", "aws-secret-2", "GITHUB_TOKEN", "gh-secret-3",
                        "PLATCTL_STATE_KEY", "state-secret-4"), ClusterSettings.SERVICE_ACCOUNT);
        assertEquals(Map.of("KUBECONFIG", "/etc/kube/config", "HOME", "/home/ci", "KUBERNETES_SERVICE_HOST", "10.0.0.1",
                "KUBERNETES_SERVICE_PORT", "443"), s.environment());
        String text = s.toString();
        for (String secret : List.of("tok-secret-1", "aws-secret-2", "gh-secret-3", "state-secret-4", "MIIB"))
            assertFalse(text.contains(secret), text);
        assertTrue(text.contains("host=Optional[https://k8s.example:6443]") && text.contains("token=Optional[(sensitive)]"), text);
    }

    /** Root reads every file, so permission and device errors are made as fabric8 wraps them rather than for real. */
    @ParameterizedTest(name = "{2}")
    @MethodSource("readFailures")
    void aKubeconfigThatCannotBeReadSaysWhatHappenedInsteadOfBlamingItsContents(RuntimeException thrown, String expected, String reason) {
        assertEquals(expected, ClusterSettings.unreadable(thrown), reason);
    }

    static List<Arguments> readFailures() {
        return List.of(
                Arguments.of(new KubernetesClientException("An error has occurred.", new AccessDeniedException("/etc/kube/config")),
                        "permission denied: the user platctl runs as may not read it", "no read permission (java.nio)"),
                Arguments.of(new KubernetesClientException("An error has occurred.", new FileNotFoundException("/etc/kube/config (Permission denied)")),
                        "permission denied: the user platctl runs as may not read it", "no read permission (java.io)"),
                Arguments.of(new KubernetesClientException("/etc/kube/config (File) is not a parseable Kubernetes Config",
                        new NoSuchFileException("/etc/kube/config")), "the file does not exist", "deleted between the lookup and the read"),
                Arguments.of(new KubernetesClientException("An error has occurred.", new IOException("Is a directory")),
                        "it is a directory, not a file", "a directory, as fabric8 reports it"),
                Arguments.of(new KubernetesClientException("An error has occurred.", new IOException("Input/output error")),
                        "reading it failed: IOException: Input/output error", "a disk or network file system error"),
                Arguments.of(new KubernetesClientException("An error has occurred.", new IllegalArgumentException("line: 1, column: 1")),
                        "it holds no kubeconfig (a mapping with clusters, contexts and users) at line 1, column 1",
                        "a file that is read but is no kubeconfig"));
    }
}
