package dev.platctl.providers.kubernetes;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A TLS endpoint on loopback that requires a client certificate and serves nothing, for the one TLS failure the
 * test API server cannot show: a server (in practice a proxy in front of the API server) refusing the client's
 * certificate. Its key and self-signed certificate come from the JDK's keytool.
 */
final class MutualTlsServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final SSLServerSocket socket;
    private final String certificatePem;
    private final Thread acceptor;

    private MutualTlsServer(SSLServerSocket socket, String certificatePem) {
        this.socket = socket;
        this.certificatePem = certificatePem;
        this.acceptor = new Thread(this::serve, "mutual-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static MutualTlsServer start(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0)
            throw new IllegalStateException("keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setNeedClientAuth(true);
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                ks.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n";
        return new MutualTlsServer(socket, pem);
    }

    String url() {
        return "https://127.0.0.1:" + socket.getLocalPort();
    }

    String certificatePem() {
        return certificatePem;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                s.startHandshake();
                s.getInputStream().read();
            } catch (IOException e) {
                // the handshake fails without a client certificate: that is what this server is for
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
