package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * GitHub's official OpenAPI description of api.github.com ({@code generated/api.github.com.json} of the npm package
 * {@code @octokit/openapi}, which republishes github/rest-api-description), and the check of the fake's answers against it:
 * each answer's operation (method and path template), the request's body against the operation's request schema, its
 * status among the operation's documented responses, its body against that response's schema (OpenAPI 3.0 dialect of networknt json-schema-validator, so {@code nullable} counts).
 * The description is fetched with {@code npm pack} into {@code ~/.cache/platctl/octokit-openapi/VERSION} when missing;
 * only the 13 MB api.github.com file is kept (the package holds 400 MB of descriptions for other GitHub products).
 */
final class GitHubOpenApi {
    static final String VERSION = "23.0.2";
    static final String SPEC_URI = "https://api.github.com/platctl-test/openapi.json";
    /** Errors GitHub answers on any operation whether or not its description lists them; their body is a basic error. */
    static final Set<Integer> GENERIC_ERRORS = Set.of(401, 403, 404, 409, 422);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final Pattern OVERLAP = Pattern.compile("but [2-9][0-9]* are valid");

    /** One operation of the description: method, path template and the pattern matching raw request paths. */
    record Operation(String method, String template, String operationId, JsonNode node, Pattern pattern, int literal) {
    }

    /** How one answer was checked: the operation, the status, and what was found wrong. */
    record Check(String operationId, String method, String template, int status, List<String> problems) {
    }

    private static GitHubOpenApi instance;

    private final JsonNode spec;
    private final SchemaRegistry registry;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private GitHubOpenApi(String text) throws IOException {
        spec = FakeJson.JSON.readTree(text);
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(SPEC_URI, text)));
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ms = p.getValue().fields(); ms.hasNext(); ) {
                Map.Entry<String, JsonNode> m = ms.next();
                if (METHODS.contains(m.getKey()))
                    operations.add(new Operation(m.getKey().toUpperCase(), p.getKey(), m.getValue().path("operationId").asText(),
                            m.getValue(), pattern(p.getKey()), p.getKey().replaceAll("\\{[^}]+}", "").length()));
            }
        }
    }

    static synchronized GitHubOpenApi get() {
        if (instance == null) {
            try {
                instance = new GitHubOpenApi(Files.readString(file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * A path template as a pattern over raw request paths: a parameter is one segment, except a last {@code {path}} or
     * {@code {ref}}, which GitHub lets hold slashes ({@code contents/docs/index.md}, {@code git/refs/heads/platctl/x}).
     */
    private static Pattern pattern(String template) {
        StringBuilder re = new StringBuilder();
        String[] parts = template.split("(?=\\{)|(?<=})");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{")) {
                boolean last = i == parts.length - 1;
                re.append(last && (part.equals("{path}") || part.equals("{ref}")) ? ".+" : "[^/]+");
            } else re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    /** The operation a request is, the most specific template when several match. */
    Optional<Operation> operation(String method, String rawPath) {
        return operations.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(rawPath).matches())
                .max(Comparator.comparingInt(Operation::literal));
    }

    Operation byId(String operationId) {
        return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst()
                .orElseThrow(() -> new AssertionError("GitHub's description has no operation " + operationId));
    }

    /** Checks one answer of the fake. */
    Check check(FakeGitHub.Exchange x) {
        List<String> problems = new ArrayList<>();
        String what = x.method() + " " + x.path() + (x.query().isEmpty() ? "" : "?" + x.query()) + " → " + x.status();
        Optional<Operation> found = operation(x.method(), x.path());
        if (found.isEmpty()) {
            problems.add(what + ": GitHub's description has no such operation");
            return new Check("", x.method(), "", x.status(), problems);
        }
        Operation op = found.get();
        request(what, op, x.request(), problems);
        if (x.status() == 304) {
            if (!x.method().equals("GET")) problems.add(what + ": a 304 answers only a conditional GET");
            if (!x.body().isMissingNode()) problems.add(what + ": a 304 has no body");
            return new Check(op.operationId(), op.method(), op.template(), 304, problems);
        }
        String pointer = "/paths/" + escape(op.template()) + "/" + op.method().toLowerCase() + "/responses/" + x.status();
        JsonNode response = op.node().path("responses").path(String.valueOf(x.status()));
        if (response.isMissingNode()) {
            if (!GENERIC_ERRORS.contains(x.status())) {
                List<String> documented = new ArrayList<>();
                op.node().path("responses").fieldNames().forEachRemaining(documented::add);
                problems.add(what + ": " + op.operationId() + " documents the statuses " + documented + ", not " + x.status());
                return new Check(op.operationId(), op.method(), op.template(), x.status(), problems);
            }
            // an error GitHub gives on any operation, not listed for this one: its body is still GitHub's error shape
            errorShape(what, x.body(), problems);
            validate(what, "/components/schemas/" + (x.status() == 422 ? "validation-error" : "basic-error"), x.body(), problems);
            return new Check(op.operationId(), op.method(), op.template(), x.status(), problems);
        }
        if (response.has("$ref")) {
            pointer = response.path("$ref").asText().substring(1);
            response = spec.at(pointer);
        }
        JsonNode json = response.path("content").path("application/json");
        if (json.isMissingNode()) {
            if (x.status() >= 400 && !x.body().isMissingNode()) {
                // GitHub documents some errors without a body ("404: Not Found if ..."), yet sends its error JSON with each
                errorShape(what, x.body(), problems);
                validate(what, "/components/schemas/basic-error", x.body(), problems);
                return new Check(op.operationId(), op.method(), op.template(), x.status(), problems);
            }
            if (!x.body().isMissingNode() && !(x.body().isObject() && x.body().isEmpty()))
                problems.add(what + ": GitHub documents no body for this answer, the fake sent " + x.body());
            return new Check(op.operationId(), op.method(), op.template(), x.status(), problems);
        }
        if (x.status() >= 400) errorShape(what, x.body(), problems);
        String schemaPointer = pointer + "/content/application~1json/schema";
        validate(what, schemaPointer, x.body(), problems);
        return new Check(op.operationId(), op.method(), op.template(), x.status(), problems);
    }

    /** What the provider sent: the operation's request body schema, when it has one and the request carried a body. */
    private void request(String what, Operation op, JsonNode body, List<String> problems) {
        String pointer = "/paths/" + escape(op.template()) + "/" + op.method().toLowerCase() + "/requestBody";
        JsonNode requestBody = op.node().path("requestBody");
        if (requestBody.has("$ref")) {
            pointer = requestBody.path("$ref").asText().substring(1);
            requestBody = spec.at(pointer);
        }
        if (requestBody.isMissingNode()) {
            if (!body.isMissingNode()) problems.add(what + ": the request has a body, which " + op.operationId() + " does not take");
            return;
        }
        if (body.isMissingNode()) {
            if (requestBody.path("required").asBoolean(false)) problems.add(what + ": " + op.operationId() + " needs a request body");
            return;
        }
        if (requestBody.path("content").has("application/json")) {
            List<String> found = new ArrayList<>();
            validate(what + " (request)", pointer + "/content/application~1json/schema", body, found);
            problems.addAll(found);
        }
    }

    private void validate(String what, String pointer, JsonNode body, List<String> problems) {
        if (body.isMissingNode()) {
            problems.add(what + ": GitHub answers with a body here, the fake sent none");
            return;
        }
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(SPEC_URI + "#" + p)));
        for (Error e : schema.validate(body.toString(), InputFormat.JSON)) {
            // GitHub's description puts alternatives that overlap under oneOf (a 409 is "basic-error" or
            // "repository-rule-violation-error", and any error body is both): matching more than one counts as matching
            if ("oneOf".equals(e.getKeyword()) && OVERLAP.matcher(e.getMessage()).find()) continue;
            problems.add(what + ": " + e.getInstanceLocation() + " " + e.getMessage().replaceFirst("^[^:]*: ", ""));
        }
    }

    /** Every error GitHub sends has a message and a link to its documentation (the description's basic-error requires neither). */
    private static void errorShape(String what, JsonNode body, List<String> problems) {
        if (!body.path("message").isTextual() || !body.path("documentation_url").isTextual())
            problems.add(what + ": an error body has message and documentation_url, the fake sent " + body);
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    /** Checks every answer but the canned ones tests inject; fails listing every problem at once. */
    static List<Check> assertConforms(List<FakeGitHub.Exchange> exchanges) {
        GitHubOpenApi api = get();
        List<Check> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (FakeGitHub.Exchange x : exchanges) {
            if (x.injected()) continue;
            Check c = api.check(x);
            checks.add(c);
            problems.addAll(c.problems());
        }
        if (!problems.isEmpty())
            fail("the fake answered unlike GitHub's OpenAPI description (@octokit/openapi " + VERSION + "):\n"
                    + String.join("\n", problems.stream().distinct().toList()));
        return checks;
    }

    // ----- the description on disk -----

    static synchronized Path file() {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "platctl", "octokit-openapi", VERSION);
        Path file = dir.resolve("api.github.com.json");
        if (Files.isRegularFile(file)) return file;
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory(dir.getParent(), "pack");
            try {
                run(work, "npm", "pack", "--silent", "--pack-destination", work.toString(), "@octokit/openapi@" + VERSION);
                Path tgz;
                try (var list = Files.list(work)) {
                    tgz = list.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IllegalStateException("npm pack @octokit/openapi@" + VERSION + " left no tarball in " + work));
                }
                run(work, "tar", "-xzf", tgz.toString(), "-C", work.toString(), "package/package.json", "package/generated/api.github.com.json");
                String version = FakeJson.JSON.readTree(work.resolve("package/package.json").toFile()).path("version").asText();
                if (!version.equals(VERSION))
                    throw new IllegalStateException("npm pack gave @octokit/openapi " + version + ", not " + VERSION);
                Files.move(work.resolve("package/generated/api.github.com.json"), file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                try (var walk = Files.walk(work)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch @octokit/openapi@" + VERSION + " (are npm and tar on the PATH?)", e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0)
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(out));
    }
}
