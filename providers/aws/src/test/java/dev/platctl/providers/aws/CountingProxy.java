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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP proxy in front of an AWS endpoint that counts requests per service (from the request's signature) and
 * per operation, and records the most requests it ever held in flight at once per service; each request is held
 * briefly so that overlapping calls overlap here. It can also change the emulator's answers to one operation, to show
 * states the emulator skips (an RDS instance still "creating", a table still "DELETING").
 */
final class CountingProxy implements AutoCloseable {
    /** Headers that describe the emulator's body or error, not a rewritten one (DynamoDB's client checks the CRC). */
    private static final Set<String> CHANGED_BY_A_REWRITE = Set.of("x-amz-crc32", "x-amzn-errortype");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
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
    private final Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<Answer>> rewrites = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterAnswers = new ConcurrentHashMap<>();
    private final Map<String, Overlap> overlaps = new ConcurrentHashMap<>();

    /** The first request of an operation held until a second one arrives: whether one did, once known. */
    private static final class Overlap {
        final AtomicInteger arrived = new AtomicInteger();
        final CountDownLatch second = new CountDownLatch(1);
        volatile Boolean overlapped;
    }

    /** An HTTP answer: its status and body. */
    record Answer(int status, String body) {
    }

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

    /**
     * How many {@code operation} requests were forwarded: the API's action name (DescribeSubnets, ListSecrets, ...), or
     * for S3's REST calls ListBuckets, or the method and sub-resource, such as {@code GET ?versioning}.
     */
    int calls(String operation) {
        return operations.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** From now on, the emulator's answers to {@code operation} (named as {@link #calls} names it) are passed through {@code change}. */
    void rewrite(String operation, UnaryOperator<Answer> change) {
        rewrites.put(operation, change);
    }

    /**
     * Once, after the emulator answered the next {@code operation} and before that answer reaches the client, runs
     * {@code hook}: something done out of band between two calls of the client, such as deleting an object just listed.
     */
    void afterAnswering(String operation, Runnable hook) {
        afterAnswers.put(operation, hook);
    }

    /**
     * From now on, holds the first {@code operation} request (at most {@link #OVERLAP_WAIT}) until a second one arrives:
     * calls made in parallel overlap there whatever the timing, calls made one after another cannot. {@link #overlapped}
     * then says which.
     */
    void holdFirstUntilSecond(String operation) {
        overlaps.put(operation, new Overlap());
    }

    /** Whether a second {@code operation} request arrived while the first was held ({@link #holdFirstUntilSecond}). */
    boolean overlapped(String operation) {
        Overlap o = overlaps.get(operation);
        if (o == null) throw new IllegalStateException("holdFirstUntilSecond(\"" + operation + "\") was not called");
        if (o.overlapped == null) throw new AssertionError("no " + operation + " request arrived at all");
        return o.overlapped;
    }

    static final Duration OVERLAP_WAIT = Duration.ofSeconds(10);

    /** Forgets the counts so far. */
    void reset() {
        total.clear();
        operations.clear();
        peak.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        String service = service(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = exchange.getRequestBody().readAllBytes();
        int now = inFlight.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
        peak.computeIfAbsent(service, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        total.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
        String operation = operation(exchange, body);
        operations.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        HttpResponse<byte[]> response;
        try {
            Overlap overlap = overlaps.get(operation);
            if (overlap != null) {
                if (overlap.arrived.incrementAndGet() == 1) overlap.overlapped = overlap.second.await(OVERLAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                else overlap.second.countDown();
            }
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
        Runnable hook = afterAnswers.remove(operation);
        if (hook != null) hook.run();
        int status = response.statusCode();
        byte[] answer = response.body();
        UnaryOperator<Answer> change = rewrites.get(operation);
        if (change != null) {
            Answer changed = change.apply(new Answer(status, new String(answer, StandardCharsets.UTF_8)));
            status = changed.status();
            answer = changed.body().getBytes(StandardCharsets.UTF_8);
        }
        boolean rewritten = change != null;
        response.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase();
            if (!HOP_BY_HOP.contains(n) && !name.startsWith(":") && !(rewritten && CHANGED_BY_A_REWRITE.contains(n)))
                exchange.getResponseHeaders().put(name, List.copyOf(values));
        });
        boolean empty = exchange.getRequestMethod().equals("HEAD") || status == 204 || answer.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!empty) out.write(answer);
        }
    }

    /** The JSON protocols name the operation in X-Amz-Target, the query protocols in the Action parameter; S3 is REST. */
    private static String operation(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) return target.substring(target.lastIndexOf('.') + 1);
        String query = exchange.getRequestURI().getRawQuery();
        for (String form : new String[]{new String(body, StandardCharsets.UTF_8), query == null ? "" : query}) {
            Matcher m = ACTION.matcher(form);
            if (m.find()) return m.group(1);
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET") && (path.equals("/") || path.isEmpty())) return "ListBuckets";
        String subresource = query == null ? "" : " ?" + query.split("[=&]")[0];
        return exchange.getRequestMethod() + subresource;
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
