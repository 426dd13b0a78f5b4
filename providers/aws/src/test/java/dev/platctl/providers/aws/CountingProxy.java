package dev.platctl.providers.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP proxy in front of an AWS endpoint that records, per service (from the request's signature), the
 * most requests it ever held in flight at once; each request is held briefly so that overlapping calls overlap here.
 */
final class CountingProxy implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> total = new ConcurrentHashMap<>();

    CountingProxy(String target) throws IOException {
        this.target = URI.create(target);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The most requests to {@code service} ever in flight at once. */
    int peak(String service) {
        return peak.getOrDefault(service, new AtomicInteger()).get();
    }

    /** How many requests to {@code service} were forwarded. */
    int total(String service) {
        return total.getOrDefault(service, new AtomicInteger()).get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        String service = service(exchange.getRequestHeaders().getFirst("Authorization"));
        int now = inFlight.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
        peak.computeIfAbsent(service, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        total.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
        HttpResponse<byte[]> response;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Thread.sleep(20);
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) values.forEach(v -> request.header(name, v));
            });
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            inFlight.get(service).decrementAndGet();
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":"))
                exchange.getResponseHeaders().put(name, List.copyOf(values));
        });
        byte[] body = response.body();
        boolean empty = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204 || body.length == 0;
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!empty) out.write(body);
        }
    }

    private static String service(String authorization) {
        Matcher m = SCOPE.matcher(authorization == null ? "" : authorization);
        return m.find() ? m.group(1) : "unsigned";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
