package dev.platctl.providers.aws;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny local HTTP server standing in for an AWS endpoint: answers each request with the next scripted
 * response (the last one repeats) and counts the requests, for failures moto cannot produce on demand.
 */
final class AwsTestDouble implements AutoCloseable {
    /** One scripted answer. */
    record Response(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Response> script;
    private final AtomicInteger requests = new AtomicInteger();

    AwsTestDouble(Response... responses) throws IOException {
        script = new ArrayDeque<>(List.of(responses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Response r;
            synchronized (script) {
                r = script.size() > 1 ? script.poll() : script.peek();
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "test-double");
            exchange.sendResponseHeaders(r.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    /** An error in the XML of IAM's query protocol. */
    static Response iamError(int status, String code, String message) {
        return new Response(status, "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>test-double</RequestId></ErrorResponse>");
    }

    /** IAM's answer to GetRole for a role named {@code name}. */
    static Response iamRole(String name) {
        return new Response(200, "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRoleResult><Role>"
                + "<Path>/</Path><RoleName>" + name + "</RoleName><RoleId>AROATESTDOUBLE</RoleId>"
                + "<Arn>arn:aws:iam::123456789012:role/" + name + "</Arn><CreateDate>2026-11-25T10:00:00Z</CreateDate>"
                + "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D</AssumeRolePolicyDocument>"
                + "<MaxSessionDuration>3600</MaxSessionDuration><Tags></Tags></Role></GetRoleResult>"
                + "<ResponseMetadata><RequestId>test-double</RequestId></ResponseMetadata></GetRoleResponse>");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
