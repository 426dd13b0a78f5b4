package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for the GitHub REST API on 127.0.0.1, serving exactly the endpoints the provider uses with
 * GitHub's status codes, error bodies, Link pagination, rate-limit headers, ETags (specific to the token, as GitHub's
 * are) and 304s, and token check.
 */
public final class FakeGitHub implements AutoCloseable {
    public static final String TOKEN = "ghp_fake0000000000000000000000000000000";
    /** The user {@link #TOKEN} belongs to: an owner of the organization. */
    static final String USER = "platctl-bot";
    static final long USER_ID = 90_000_001L;
    static final int LIMIT = 5000;
    private static final String DOCS = "https://docs.github.com/rest";
    /** When the rate-limit window resets: a minute after the tests' fixed clock. */
    static final long RESET_SECOND = 1_700_000_060L;

    /**
     * A canned answer the next request gets instead of its normal one: a request with a valid token, or one to the App
     * endpoints (whatever its JWT), as a rate limit comes before GitHub looks at the JWT.
     */
    record Injected(int status, Map<String, String> headers, String message) {
    }

    /**
     * One request (method, raw path, raw query or "", JSON body: missing when none) and the fake's answer: status, JSON body
     * (missing when none), headers, and whether a test injected it.
     */
    record Exchange(String method, String path, String query, JsonNode request, int status, JsonNode body, Map<String, String> headers,
                    boolean injected) {
    }

    private final HttpServer server;
    private final FakeGitData gitData;
    private final FakePullRequests pullRequests;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final String org;
    private final long orgId = 31_898_100;
    /** Whether the owner is an organization; else a personal account, which has no teams. */
    private final boolean organization;
    private final String tokenUser;
    private final Map<String, FakeRepository> repos = new TreeMap<>();
    /** Team slug → [team id, repository (lower-case) → permission]. */
    private final Map<String, Long> teamIds = new TreeMap<>();
    private final Map<String, Map<String, String>> teamRepos = new TreeMap<>();
    private final Map<Long, String[]> accounts = new TreeMap<>();
    private final Deque<Injected> injected = new ArrayDeque<>();
    private final List<String> log = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final AtomicInteger writesInFlight = new AtomicInteger();
    private final AtomicInteger maxConcurrentWrites = new AtomicInteger();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    /** "METHOD /path" → what happens on GitHub's side right after the next such request is answered. */
    private final Map<String, Deque<Runnable>> meanwhile = new HashMap<>();
    private long nextId = 1000;
    private boolean callerAdmin = true;
    /** Whether the request being answered is an administrator's (set per request). */
    private boolean callerBypasses;
    /** Whether the request being answered was made with an App installation token (set per request). */
    private boolean callerInstallation;
    private final FakeApps apps = new FakeApps();
    /** The fake's time for tokens and JWTs: the tests' fixed clock, until a test moves it. */
    private Instant time = Instant.ofEpochSecond(1_700_000_000L);
    private int used;
    private int notModified;
    private long clockSecond = 1_700_000_000L;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A fake whose owner is the organization {@code org}, with {@link #USER}'s token, an owner of it. */
    public FakeGitHub(String org) {
        this(org, true, USER);
    }

    /** A fake whose owner is the personal account {@code login}, and whose token belongs to {@code tokenUser}. */
    static FakeGitHub personal(String login, String tokenUser) {
        return new FakeGitHub(login, false, tokenUser);
    }

    private FakeGitHub(String org, boolean organization, String tokenUser) {
        this.org = org;
        this.organization = organization;
        this.tokenUser = tokenUser;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gitData = new FakeGitData(baseUrl(), org, this::now);
        pullRequests = new FakePullRequests(baseUrl(), org, this::now, r -> repoJson(r),
                FakeJson.account(baseUrl(), tokenUser, USER_ID, "User"));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ----- what tests arrange and inspect -----

    public synchronized void addTeam(String slug, long id) {
        teamIds.put(slug, id);
        teamRepos.put(slug, new TreeMap<>());
        accounts.put(id, new String[]{slug});
    }

    synchronized void addUser(String login, long id) {
        accounts.put(id, new String[]{login});
    }

    /** Changes a repository's state directly, as someone using GitHub's web UI would (drift). */
    synchronized void edit(String repo, Consumer<FakeRepository> change) {
        FakeRepository r = repos.get(repo.toLowerCase(Locale.ROOT));
        change.accept(r);
        r.updatedAt = now();
    }

    synchronized void setTeamPermission(String slug, String repo, String permission) {
        teamRepos.get(slug).put(repo.toLowerCase(Locale.ROOT), permission);
    }

    public synchronized boolean hasRepository(String name) {
        return repos.containsKey(name.toLowerCase(Locale.ROOT));
    }

    synchronized FakeRepository repository(String name) {
        return repos.get(name.toLowerCase(Locale.ROOT));
    }

    public synchronized String teamPermission(String slug, String repo) {
        return teamRepos.get(slug).get(repo.toLowerCase(Locale.ROOT));
    }

    /** A repository's files on a branch, path to UTF-8 text; empty when the repository or branch does not exist. */
    public synchronized Map<String, String> files(String repo, String branch) {
        FakeRepository r = repos.get(repo.toLowerCase(Locale.ROOT));
        Map<String, String> out = new TreeMap<>();
        if (r != null && r.branches.containsKey(branch))
            r.branches.get(branch).forEach((path, bytes) -> out.put(path, new String(bytes, StandardCharsets.UTF_8)));
        return out;
    }

    /** Commits one file to a branch as a person would on GitHub's web UI (the team editing a scaffolded file). */
    public synchronized void commitFile(String repo, String branch, String path, String content) {
        commit(repos.get(repo.toLowerCase(Locale.ROOT)), branch, path, content.getBytes(StandardCharsets.UTF_8), "Edit " + path);
    }

    /** The head commit SHA of a branch, or null when there is no such branch. */
    public synchronized String head(String repo, String branch) {
        return repos.get(repo.toLowerCase(Locale.ROOT)).heads.get(branch);
    }

    /** The messages of the commits on a branch, newest first, following first parents. */
    public synchronized List<String> history(String repo, String branch) {
        FakeRepository r = repos.get(repo.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>();
        for (String c = r.heads.get(branch); c != null; c = r.commits.get(c)[1]) out.add(r.commits.get(c)[2]);
        return out;
    }

    /** A repository's pull requests in the order they were opened: title, body, head and base branch, state (open, closed, merged) of each. */
    public synchronized List<Map<String, String>> pullRequests(String repo) {
        List<Map<String, String>> out = new ArrayList<>();
        for (ObjectNode p : repos.get(repo.toLowerCase(Locale.ROOT)).pulls)
            out.add(Map.of("title", p.path("title").asText(), "body", p.path("body").asText(""),
                    "head", p.path("head").path("ref").asText(), "base", p.path("base").path("ref").asText(),
                    "state", p.path("merged").asBoolean() ? "merged" : p.path("state").asText()));
        return out;
    }

    /** Squash-merges pull request {@code number} as a reviewer would on the web, deleting its branch when asked. */
    public synchronized void mergePullRequest(String repo, int number, boolean deleteBranch) {
        pullRequests.merge(repos.get(repo.toLowerCase(Locale.ROOT)), number, deleteBranch);
    }

    /** Closes pull request {@code number} without merging it, leaving its branch. */
    public synchronized void closePullRequest(String repo, int number) {
        pullRequests.close(repos.get(repo.toLowerCase(Locale.ROOT)), number);
    }

    /** A repository's deployment environments, name to wait timer in minutes. */
    public synchronized Map<String, Long> environments(String repo) {
        Map<String, Long> out = new TreeMap<>();
        repos.get(repo.toLowerCase(Locale.ROOT)).environments.forEach((name, e) -> out.put(name, e.waitTimer));
        return out;
    }

    /** The name patterns of an environment's deployment branch policies (type branch), sorted. */
    synchronized List<String> deploymentBranchPatterns(String repo, String environment) {
        return repos.get(repo.toLowerCase(Locale.ROOT)).environments.get(environment).branchPolicies.values().stream()
                .filter(p -> p[1].equals("branch")).map(p -> p[0]).sorted().toList();
    }

    /** The branches of a repository that have a protection. */
    public synchronized List<String> protectedBranches(String repo) {
        return List.copyOf(repos.get(repo.toLowerCase(Locale.ROOT)).protections.keySet());
    }

    /** An Actions variable's value, or null when the repository has no such variable. */
    public synchronized String variable(String repo, String name) {
        String[] v = repos.get(repo.toLowerCase(Locale.ROOT)).variables.get(name);
        return v == null ? null : v[0];
    }

    /** An environment's Actions variable's value, or null when the environment has no such variable. */
    synchronized String environmentVariable(String repo, String environment, String name) {
        String[] v = repos.get(repo.toLowerCase(Locale.ROOT)).environments.get(environment).variables.get(name);
        return v == null ? null : v[0];
    }

    /** A repository's visibility, description and topics as GitHub returns them. */
    public synchronized List<String> settings(String repo) {
        FakeRepository r = repos.get(repo.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>(List.of(r.visibility, r.description));
        out.addAll(r.topics);
        return out;
    }

    /** The most writes (POST, PUT, PATCH, DELETE) that were in flight at once. */
    int maxConcurrentWrites() {
        return maxConcurrentWrites.get();
    }

    /** Writes the fake is handling now. */
    int writesInFlight() {
        return writesInFlight.get();
    }

    /**
     * Requests held on arrival, before they are answered, until the test releases them: the next {@code count} requests
     * whose method and path (without the query) are {@code line}, such as {@code "GET /repos/acme/svc"}.
     */
    static final class Hold {
        private final String line;
        private final int count;
        private final AtomicInteger claimed = new AtomicInteger();
        private final Semaphore arrivals = new Semaphore(0);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String line, int count) {
            this.line = line;
            this.count = count;
        }

        private boolean claims(String requestLine) {
            if (!line.equals(requestLine)) return false;
            for (int n = claimed.get(); n < count; n = claimed.get())
                if (claimed.compareAndSet(n, n + 1)) return true;
            return false;
        }

        /** Waits until {@code n} more held requests have arrived (failing the test after 30 seconds). */
        void awaitArrivals(int n) throws InterruptedException {
            if (!arrivals.tryAcquire(n, 30, TimeUnit.SECONDS))
                throw new AssertionError("expected " + n + " more requests " + line + " to arrive at the fake");
        }

        /** Lets every held request, and any later one this hold would claim, be answered. */
        void release() {
            released.countDown();
        }
    }

    Hold hold(String line, int count) {
        Hold h = new Hold(line, count);
        holds.add(h);
        return h;
    }

    /** Right after the next request {@code line} ("METHOD /path") is answered, {@code change} happens on GitHub's side. */
    synchronized void meanwhile(String line, Runnable change) {
        meanwhile.computeIfAbsent(line, k -> new ArrayDeque<>()).add(change);
    }

    /** A ruleset on every branch of {@code repo} that blocks force pushes, new branches included. */
    synchronized void blockForcePushes(String repo) {
        repos.get(repo.toLowerCase(Locale.ROOT)).forcePushesBlocked = true;
    }

    /**
     * Whether the token's user is an administrator of the repositories (the default, as an organization owner's token
     * is): administrators bypass branch protection unless it sets enforce_admins.
     */
    synchronized void callerIsAdmin(boolean admin) {
        callerAdmin = admin;
    }

    /**
     * Installs the GitHub App {@code appId} (its id or client ID) as {@code installationId} on the fake's owner, verifying
     * its JWTs with {@code key}.
     */
    synchronized void registerApp(String appId, long installationId, PublicKey key) {
        registerApp(appId, installationId, key, org, organization);
    }

    /** Installs the GitHub App on the account {@code login}, an organization or a personal account. */
    synchronized void registerApp(String appId, long installationId, PublicKey key, String login, boolean onOrganization) {
        apps.register(appId, installationId, key, FakeJson.account(baseUrl(), login, onOrganization ? orgId : USER_ID,
                onOrganization ? "Organization" : "User"));
    }

    /** Revokes every installation token issued so far, as uninstalling and reinstalling the App would. */
    synchronized void revokeInstallationTokens() {
        apps.revokeAll();
    }

    /** Installation tokens issued so far. */
    synchronized int installationTokensIssued() {
        return apps.issued();
    }

    /** Moves the fake's time, which JWTs and installation tokens are checked against. */
    synchronized void advance(Duration d) {
        time = time.plus(d);
    }

    synchronized void inject(Injected answer) {
        injected.add(answer);
    }

    /** Requests that counted against the rate limit (everything but 304s). */
    synchronized int used() {
        return used;
    }

    synchronized int notModified() {
        return notModified;
    }

    /** Every request with the answer the fake gave, in order. */
    synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** "METHOD /path?query" of every request, in order. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    // ----- the server -----

    private void handle(HttpExchange ex) throws IOException {
        Answer a;
        boolean write = !ex.getRequestMethod().equals("GET");
        if (write) maxConcurrentWrites.accumulateAndGet(writesInFlight.incrementAndGet(), Math::max);
        boolean inFlight = write;
        try (ex) {
            String line = ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath();
            for (Hold h : holds) {
                if (!h.claims(line)) continue;
                h.arrivals.release();
                try {
                    if (!h.released.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("a test held " + line + " and never released it");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] in = ex.getRequestBody().readAllBytes();
            JsonNode request;
            try {
                request = in.length == 0 ? MissingNode.getInstance() : FakeJson.JSON.readTree(in);
            } catch (IOException e) {
                request = FakeJson.JSON.getNodeFactory().textNode(new String(in, StandardCharsets.UTF_8));
            }
            synchronized (this) {
                a = answer(ex, request);
                Deque<Runnable> changes = meanwhile.get(line);
                if (changes != null && !changes.isEmpty()) changes.poll().run();
                String query = ex.getRequestURI().getRawQuery();
                exchanges.add(new Exchange(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), query == null ? "" : query,
                        request, a.status, a.body == null ? MissingNode.getInstance() : a.body.deepCopy(), Map.copyOf(a.headers),
                        a.injected));
            }
            byte[] bytes = a.body == null ? new byte[0] : a.body.toString().getBytes(StandardCharsets.UTF_8);
            // the write is over before its answer leaves: the client may send the next one as soon as it reads it
            if (inFlight) {
                writesInFlight.decrementAndGet();
                inFlight = false;
            }
            a.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (a.body != null) ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(a.status, a.status == 204 || a.status == 304 || bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0 && a.status != 204 && a.status != 304) ex.getResponseBody().write(bytes);
        } finally {
            if (inFlight) writesInFlight.decrementAndGet();
        }
    }

    /** A response under construction. */
    static final class Answer {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();
        boolean injected;

        Answer(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }
    }

    private Answer answer(HttpExchange ex, JsonNode body) {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        log.add(method + " " + rawPath + (query == null ? "" : "?" + query));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Matcher appToken = APP_TOKEN.matcher(rawPath);
        if (appToken.matches() && method.equals("POST")) {
            if (!injected.isEmpty()) return injectedAnswer();
            used++;
            return rateHeaders(apps.accessToken(Long.parseLong(appToken.group(1)), auth, time));
        }
        Matcher appInstallation = APP_INSTALLATION.matcher(rawPath);
        if (appInstallation.matches() && method.equals("GET")) {
            if (!injected.isEmpty()) return injectedAnswer();
            used++;
            return rateHeaders(apps.installation(Long.parseLong(appInstallation.group(1)), auth, time, baseUrl()));
        }
        String token = auth == null ? "" : auth.replaceFirst("^(Bearer|token) ", "");
        boolean installation = apps.valid(token, time);
        if (!token.equals(TOKEN) && !installation)
            return rateHeaders(new Answer(401, FakeJson.error("Bad credentials", DOCS)));
        // an App installation is never an administrator that bypasses branch protection
        callerBypasses = callerAdmin && !installation;
        callerInstallation = installation;
        if (!injected.isEmpty()) return injectedAnswer();
        if (body.isTextual()) return rateHeaders(new Answer(400, FakeJson.error("Problems parsing JSON", DOCS)));
        Map<String, String> params = query(query);
        Answer a;
        try {
            a = route(method, rawPath, params, body, ex.getRequestHeaders().getFirst("Accept"));
        } catch (IllegalArgumentException e) {
            a = new Answer(400, FakeJson.error("Problems parsing JSON", DOCS));
        }
        if (method.equals("GET") && a.status == 200) {
            // as GitHub's, an ETag is specific to the token that asked (its support confirmed it, eclipse-csi/otterdog#201;
            // github/docs#34689): another token, even for the same body, gets a 200 with an ETag of its own
            String etag = "\"" + sha1((token + "\n" + a.body).getBytes(StandardCharsets.UTF_8)) + "\"";
            a.headers.put("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified++;
                Answer nm = rateHeaders(new Answer(304, null));
                nm.headers.put("ETag", etag);
                if (a.headers.containsKey("Link")) nm.headers.put("Link", a.headers.get("Link"));
                return nm;
            }
        }
        used++;
        return rateHeaders(a);
    }

    /** The next answer a test injected: it counts against the rate limit, as GitHub's refusals do. */
    private Answer injectedAnswer() {
        Injected i = injected.poll();
        used++;
        Answer a = rateHeaders(new Answer(i.status(), i.status() == 304 ? null : FakeJson.error(i.message(), DOCS)));
        a.headers.putAll(i.headers());
        a.injected = true;
        return a;
    }

    private Answer rateHeaders(Answer a) {
        a.headers.put("x-ratelimit-limit", String.valueOf(LIMIT));
        a.headers.putIfAbsent("x-ratelimit-remaining", String.valueOf(Math.max(0, LIMIT - used)));
        a.headers.put("x-ratelimit-reset", String.valueOf(RESET_SECOND));
        a.headers.put("x-ratelimit-used", String.valueOf(used));
        a.headers.put("x-ratelimit-resource", "core");
        return a;
    }

    private static final Pattern ORG_REPOS = Pattern.compile("/orgs/([^/]+)/repos");
    private static final Pattern ORG = Pattern.compile("/orgs/([^/]+)");
    private static final Pattern APP_TOKEN = Pattern.compile("/app/installations/([0-9]+)/access_tokens");
    private static final Pattern APP_INSTALLATION = Pattern.compile("/app/installations/([0-9]+)");
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");
    private static final Pattern TEAM_REPO = Pattern.compile("/orgs/([^/]+)/teams/([^/]+)/repos/([^/]+)/([^/]+)");

    private Answer route(String method, String path, Map<String, String> params, JsonNode body, String accept) {
        Matcher m;
        if ((m = ORG_REPOS.matcher(path)).matches()) {
            if (!organization || !m.group(1).equalsIgnoreCase(org)) return notFound();
            if (method.equals("POST")) return createRepo(body);
        } else if ((m = ORG.matcher(path)).matches() && method.equals("GET")) {
            if (!organization || !m.group(1).equalsIgnoreCase(org)) return notFound();
            return new Answer(200, FakeJson.organization(baseUrl(), org, orgId, repos.size(), clockStart()));
        } else if (path.equals("/user") && method.equals("GET")) {
            // an installation token (an App's, or Actions' GITHUB_TOKEN) acts as no user
            if (callerInstallation) return notAccessibleByIntegration("https://docs.github.com/rest/users/users#get-the-authenticated-user");
            return new Answer(200, FakeJson.user(baseUrl(), tokenUser, USER_ID, clockStart()));
        } else if (path.equals("/user/repos") && method.equals("POST")) {
            if (callerInstallation)
                return notAccessibleByIntegration("https://docs.github.com/rest/repos/repos#create-a-repository-for-the-authenticated-user");
            if (organization || !tokenUser.equalsIgnoreCase(org))
                return new Answer(403, FakeJson.error("the fake models only repositories of its owner " + org, DOCS));
            return createRepo(body);
        } else if ((m = TEAM_REPO.matcher(path)).matches()) {
            return teamRepo(method, decode(m.group(2)), decode(m.group(4)), body, accept);
        } else if ((m = REPO.matcher(path)).matches()) {
            FakeRepository r = m.group(1).equalsIgnoreCase(org) ? repos.get(decode(m.group(2)).toLowerCase(Locale.ROOT)) : null;
            if (r == null) return notFound();
            String rest = m.group(3) == null ? "" : m.group(3);
            return repoRoute(method, r, rest, params, body);
        }
        return notFound();
    }

    private Answer repoRoute(String method, FakeRepository r, String rest, Map<String, String> params, JsonNode body) {
        Matcher m;
        if (rest.isEmpty()) {
            switch (method) {
                case "GET": return new Answer(200, repoJson(r));
                case "PATCH": return patchRepo(r, body);
                case "DELETE":
                    repos.remove(r.name.toLowerCase(Locale.ROOT));
                    teamRepos.values().forEach(t -> t.remove(r.name.toLowerCase(Locale.ROOT)));
                    return new Answer(204, null);
                default: return notFound();
            }
        }
        Answer git = gitData.route(method, r, rest, body, callerBypasses);
        if (git != null) return git;
        Answer pulls = pullRequests.route(method, r, rest, params, body, () -> nextId++);
        if (pulls != null) return pulls;
        if (rest.equals("/topics") && method.equals("PUT")) {
            r.topics.clear();
            body.path("names").forEach(t -> r.topics.add(t.asText().toLowerCase(Locale.ROOT)));
            r.updatedAt = now();
            ObjectNode o = FakeJson.JSON.createObjectNode();
            ArrayNode names = o.putArray("names");
            r.topics.forEach(names::add);
            return new Answer(200, o);
        }
        if ((m = Pattern.compile("/branches/([^/]+)/protection").matcher(rest)).matches())
            return protection(method, r, decode(m.group(1)), body);
        if ((m = Pattern.compile("/environments/([^/]+)/deployment-branch-policies(?:/([0-9]+))?").matcher(rest)).matches())
            return branchPolicies(method, r, decode(m.group(1)), m.group(2) == null ? null : Long.parseLong(m.group(2)), params, body);
        if ((m = Pattern.compile("/environments/([^/]+)/variables(?:/([^/]+))?").matcher(rest)).matches()) {
            FakeRepository.Environment e = r.environments.get(decode(m.group(1)));
            if (e == null) return notFound();
            if (m.group(2) == null) return method.equals("POST") ? createVariable(e.variables, body) : notFound();
            return variable(method, e.variables, decode(m.group(2)).toUpperCase(Locale.ROOT), body);
        }
        if ((m = Pattern.compile("/environments/([^/]+)").matcher(rest)).matches())
            return environment(method, r, decode(m.group(1)), body);
        if (rest.equals("/actions/variables") && method.equals("POST")) return createVariable(r.variables, body);
        if ((m = Pattern.compile("/actions/variables/([^/]+)").matcher(rest)).matches())
            return variable(method, r.variables, decode(m.group(1)).toUpperCase(Locale.ROOT), body);
        if ((m = Pattern.compile("/contents/(.+)").matcher(rest)).matches())
            return contents(method, r, decode(m.group(1)), params, body);
        return notFound();
    }

    // ----- repositories -----

    /**
     * One page of a list as GitHub pages it: {@code per_page} (default 30, at most 100) and {@code page}, and a
     * {@code Link} header with prev/next/last/first that keeps the request's other query parameters.
     */
    static Answer page(List<JsonNode> all, String url, Map<String, String> params) {
        int perPage = Math.max(1, Math.min(100, Integer.parseInt(params.getOrDefault("per_page", "30"))));
        int page = Math.max(1, Integer.parseInt(params.getOrDefault("page", "1")));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        ArrayNode out = FakeJson.JSON.createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) out.add(all.get(i));
        Answer a = new Answer(200, out);
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> {
            if (!k.equals("per_page") && !k.equals("page"))
                query.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
        });
        String base = url + "?" + query + "per_page=" + perPage + "&page=";
        List<String> links = new ArrayList<>();
        if (page > 1) links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        if (page < last) links.add("<" + base + (page + 1) + ">; rel=\"next\"");
        if (page < last) links.add("<" + base + last + ">; rel=\"last\"");
        if (page > 1) links.add("<" + base + 1 + ">; rel=\"first\"");
        if (!links.isEmpty()) a.headers.put("Link", String.join(", ", links));
        return a;
    }

    private Answer createRepo(JsonNode body) {
        String name = body.path("name").asText("");
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]{1,100}"))
            return validation("Repository creation failed.", "Repository", "name", "custom", "name is invalid");
        if (repos.containsKey(name.toLowerCase(Locale.ROOT)))
            return validation("Repository creation failed.", "Repository", "name", "custom", "name already exists on this account");
        FakeRepository r = new FakeRepository(nextId++, name, now());
        r.description = body.path("description").asText("");
        r.visibility = body.hasNonNull("visibility") ? body.path("visibility").asText()
                : body.path("private").asBoolean(false) ? "private" : "public";
        for (String f : List.copyOf(r.flags.keySet())) if (body.has(f)) r.flags.put(f, body.path(f).asBoolean());
        if (body.path("auto_init").asBoolean(false)) commit(r, "main", "README.md", ("# " + name + "\n").getBytes(StandardCharsets.UTF_8), "Initial commit");
        repos.put(name.toLowerCase(Locale.ROOT), r);
        return new Answer(201, repoJson(r));
    }

    private Answer patchRepo(FakeRepository r, JsonNode body) {
        if (body.has("default_branch") && !r.branches.containsKey(body.path("default_branch").asText())
                && !body.path("default_branch").asText().equals(r.defaultBranch))
            return validation("Validation Failed", "Repository", "default_branch", "invalid",
                    "Cannot update default branch for an empty repository. Please init the repository and push first.");
        if (body.has("visibility") && !List.of("public", "private", "internal").contains(body.path("visibility").asText()))
            return validation("Validation Failed", "Repository", "visibility", "invalid", null);
        if (body.has("description")) r.description = body.path("description").asText("");
        if (body.has("visibility")) r.visibility = body.path("visibility").asText();
        if (body.has("default_branch")) r.defaultBranch = body.path("default_branch").asText();
        if (body.has("archived")) r.archived = body.path("archived").asBoolean();
        for (String f : List.copyOf(r.flags.keySet())) if (body.has(f)) r.flags.put(f, body.path(f).asBoolean());
        r.updatedAt = now();
        return new Answer(200, repoJson(r));
    }

    private ObjectNode repoJson(FakeRepository r) {
        return FakeJson.repository(baseUrl(), org, organization ? orgId : USER_ID, organization, r);
    }

    /** When the fake's clock started, as accounts' created_at shows it. */
    private static String clockStart() {
        return Instant.ofEpochSecond(1_600_000_000L).toString();
    }

    // ----- branch protection -----

    private Answer protection(String method, FakeRepository r, String branch, JsonNode body) {
        if (!r.branches.containsKey(branch))
            return new Answer(404, FakeJson.error("Branch not found", "https://docs.github.com/rest/branches/branch-protection"));
        switch (method) {
            case "GET":
                ObjectNode stored = r.protections.get(branch);
                if (stored == null)
                    return new Answer(404, FakeJson.error("Branch not protected", "https://docs.github.com/rest/reference/repos#get-branch-protection"));
                return new Answer(200, FakeJson.protection(baseUrl(), org, r.name, branch, stored));
            case "PUT":
                for (String f : List.of("required_status_checks", "enforce_admins", "required_pull_request_reviews", "restrictions"))
                    if (!body.has(f))
                        return validation("Invalid request.\n\n\"" + f + "\" wasn't supplied.", null, null, null, null);
                r.protections.put(branch, (ObjectNode) body.deepCopy());
                return new Answer(200, FakeJson.protection(baseUrl(), org, r.name, branch, (ObjectNode) body));
            case "DELETE":
                if (r.protections.remove(branch) == null)
                    return new Answer(404, FakeJson.error("Branch not protected", "https://docs.github.com/rest/branches/branch-protection"));
                return new Answer(204, null);
            default:
                return notFound();
        }
    }

    // ----- environments -----

    private Answer environment(String method, FakeRepository r, String name, JsonNode body) {
        FakeRepository.Environment e = r.environments.get(name);
        switch (method) {
            case "GET":
                return e == null ? notFound() : new Answer(200, FakeJson.environment(baseUrl(), org, r.name, e, accounts));
            case "PUT":
                if (body.path("wait_timer").asLong(0) > 43_200)
                    return validation("Validation Failed", "Environment", "wait_timer", "invalid", "wait_timer must be 43200 or less");
                if (body.path("reviewers").size() > 6)
                    return validation("Validation Failed", "Environment", "reviewers", "invalid", "a maximum of 6 reviewers is allowed");
                if (e == null) {
                    e = new FakeRepository.Environment(nextId++, name, now());
                    r.environments.put(name, e);
                }
                if (body.has("wait_timer")) e.waitTimer = body.path("wait_timer").asLong();
                if (body.has("reviewers")) {
                    e.reviewers.clear();
                    for (JsonNode x : body.path("reviewers")) e.reviewers.add(new Object[]{x.path("type").asText(), x.path("id").asLong()});
                }
                JsonNode p = body.path("deployment_branch_policy");
                if (p.isObject()) {
                    if (p.path("protected_branches").asBoolean() == p.path("custom_branch_policies").asBoolean())
                        return validation("Validation Failed", "Environment", "deployment_branch_policy", "invalid",
                                "Only one of protected_branches and custom_branch_policies can be true");
                    e.protectedBranches = p.path("protected_branches").asBoolean();
                    e.customBranchPolicies = p.path("custom_branch_policies").asBoolean();
                } else if (body.has("deployment_branch_policy")) {
                    e.protectedBranches = null;
                    e.customBranchPolicies = null;
                }
                if (!Boolean.TRUE.equals(e.customBranchPolicies)) e.branchPolicies.clear();
                e.updatedAt = now();
                return new Answer(200, FakeJson.environment(baseUrl(), org, r.name, e, accounts));
            case "DELETE":
                if (r.environments.remove(name) == null) return notFound();
                return new Answer(204, null);
            default:
                return notFound();
        }
    }

    /**
     * An environment's deployment branch policies: list (paged, {total_count, branch_policies}), create (404 unless the
     * environment has custom branch policies; 303 to the existing one for a name already there), get and delete one.
     */
    private Answer branchPolicies(String method, FakeRepository r, String envName, Long id, Map<String, String> params, JsonNode body) {
        FakeRepository.Environment e = r.environments.get(envName);
        if (e == null) return notFound();
        String base = baseUrl() + "/repos/" + org + "/" + r.name + "/environments/" + envName + "/deployment-branch-policies";
        if (id == null && method.equals("GET")) {
            List<JsonNode> all = new ArrayList<>();
            e.branchPolicies.forEach((pid, p) -> all.add(FakeJson.branchPolicy(pid, p)));
            Answer page = page(all, base, params);
            ObjectNode o = FakeJson.JSON.createObjectNode().put("total_count", all.size());
            o.set("branch_policies", page.body);
            Answer a = new Answer(200, o);
            a.headers.putAll(page.headers);
            return a;
        }
        if (id == null && method.equals("POST")) {
            if (!Boolean.TRUE.equals(e.customBranchPolicies)) return notFound();
            String name = body.path("name").asText("");
            String type = body.path("type").asText("branch");
            if (name.isEmpty() || !List.of("branch", "tag").contains(type))
                return validation("Validation Failed", "DeploymentBranchPolicy", name.isEmpty() ? "name" : "type", "invalid", null);
            for (Map.Entry<Long, String[]> p : e.branchPolicies.entrySet())
                if (p.getValue()[0].equals(name) && p.getValue()[1].equals(type)) {
                    Answer seeOther = new Answer(303, null);
                    seeOther.headers.put("Location", base + "/" + p.getKey());
                    return seeOther;
                }
            long pid = nextId++;
            e.branchPolicies.put(pid, new String[]{name, type});
            e.updatedAt = now();
            return new Answer(200, FakeJson.branchPolicy(pid, e.branchPolicies.get(pid)));
        }
        String[] p = id == null ? null : e.branchPolicies.get(id);
        if (p == null) return notFound();
        switch (method) {
            case "GET":
                return new Answer(200, FakeJson.branchPolicy(id, p));
            case "DELETE":
                e.branchPolicies.remove(id);
                return new Answer(204, null);
            default:
                return notFound();
        }
    }

    // ----- Actions variables (a repository's, or an environment's: the same answers under another path) -----

    private Answer createVariable(Map<String, String[]> variables, JsonNode body) {
        String name = body.path("name").asText("").toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z_][A-Z0-9_]*") || name.startsWith("GITHUB_"))
            return validation("Validation Failed", "Variable", "name", "invalid", null);
        if (variables.containsKey(name)) return new Answer(409, FakeJson.error("Already exists - Variable already exists", DOCS));
        variables.put(name, new String[]{body.path("value").asText(), now(), now()});
        return new Answer(201, FakeJson.JSON.createObjectNode());
    }

    private Answer variable(String method, Map<String, String[]> variables, String name, JsonNode body) {
        String[] v = variables.get(name);
        if (v == null) return notFound();
        switch (method) {
            case "GET":
                return new Answer(200, FakeJson.JSON.createObjectNode().put("name", name).put("value", v[0])
                        .put("created_at", v[1]).put("updated_at", v[2]));
            case "PATCH":
                if (body.has("value")) v[0] = body.path("value").asText();
                v[2] = now();
                return new Answer(204, null);
            case "DELETE":
                variables.remove(name);
                return new Answer(204, null);
            default:
                return notFound();
        }
    }

    // ----- contents -----

    private Answer contents(String method, FakeRepository r, String path, Map<String, String> params, JsonNode body) {
        String branch = method.equals("GET") ? params.getOrDefault("ref", r.defaultBranch) : body.path("branch").asText(r.defaultBranch);
        Map<String, byte[]> files = r.branches.get(branch);
        byte[] current = files == null ? null : files.get(path);
        switch (method) {
            case "GET":
                if (current == null) return notFound();
                return new Answer(200, FakeJson.file(baseUrl(), org, r.name, branch, path, current, true));
            case "PUT": {
                if (!body.hasNonNull("message") || !body.hasNonNull("content"))
                    return validation("Invalid request.\n\n\"" + (body.hasNonNull("message") ? "content" : "message") + "\" wasn't supplied.", null, null, null, null);
                if (files == null && !r.branches.isEmpty())
                    return notFound("Branch " + branch + " not found");
                if (current != null && !body.hasNonNull("sha"))
                    return validation("Invalid request.\n\n\"sha\" wasn't supplied.", null, null, null, null);
                if (current != null && !body.path("sha").asText().equals(blobSha(current)))
                    return new Answer(409, FakeJson.error(path + " does not match " + body.path("sha").asText(), DOCS));
                Optional<String> refused = files == null ? Optional.<String>empty() : FakeProtection.refusal(r, branch, true, callerBypasses);
                if (refused.isPresent())
                    return new Answer(409, FakeJson.error("Could not " + (current == null ? "create" : "update") + " file: "
                            + refused.get(), FakeProtection.DOCS));
                byte[] content = Base64.getMimeDecoder().decode(body.path("content").asText());
                boolean created = current == null;
                if (r.branches.isEmpty()) r.defaultBranch = branch;
                ObjectNode commit = commit(r, branch, path, content, body.path("message").asText());
                ObjectNode out = FakeJson.JSON.createObjectNode();
                out.set("content", FakeJson.file(baseUrl(), org, r.name, branch, path, content, false));
                out.set("commit", commit);
                return new Answer(created ? 201 : 200, out);
            }
            case "DELETE": {
                if (current == null) return notFound();
                if (!body.path("sha").asText().equals(blobSha(current)))
                    return new Answer(409, FakeJson.error(path + " does not match " + body.path("sha").asText(), DOCS));
                Optional<String> refused = FakeProtection.refusal(r, branch, true, callerBypasses);
                if (refused.isPresent())
                    return new Answer(409, FakeJson.error("Could not delete file: " + refused.get(), FakeProtection.DOCS));
                files.remove(path);
                ObjectNode out = FakeJson.JSON.createObjectNode();
                out.putNull("content");
                String parent = r.heads.get(branch);
                String sha = FakeGitData.snapshot(r, branch, body.path("message").asText(), String.valueOf(nextId++));
                out.set("commit", FakeJson.commit(baseUrl(), org, r.name, sha, r.commits.get(sha)[0], parent,
                        body.path("message").asText(), now()));
                return new Answer(200, out);
            }
            default:
                return notFound();
        }
    }

    /** Records a commit of one file on a branch (creating the branch) and returns the contents API's commit object. */
    private ObjectNode commit(FakeRepository r, String branch, String path, byte[] content, String message) {
        r.branches.computeIfAbsent(branch, b -> new TreeMap<>()).put(path, content);
        String parent = r.heads.get(branch);
        String sha = FakeGitData.snapshot(r, branch, message, String.valueOf(nextId++));
        r.updatedAt = now();
        return FakeJson.commit(baseUrl(), org, r.name, sha, r.commits.get(sha)[0], parent, message, now());
    }

    // ----- team repositories -----

    private Answer teamRepo(String method, String slug, String repo, JsonNode body, String accept) {
        if (!organization) return notFound();
        Map<String, String> perms = teamRepos.get(slug);
        FakeRepository r = repos.get(repo.toLowerCase(Locale.ROOT));
        if (perms == null || r == null) return notFound();
        switch (method) {
            case "GET": {
                String p = perms.get(r.name.toLowerCase(Locale.ROOT));
                if (p == null) return notFound();
                if (accept == null || !accept.contains("repository+json")) return new Answer(204, null);
                ObjectNode o = repoJson(r);
                List<String> order = TeamRepositoryType.PERMISSIONS;
                ObjectNode permissions = o.putObject("permissions");
                for (String x : List.of("admin", "maintain", "push", "triage", "pull"))
                    permissions.put(x, order.indexOf(x) <= order.indexOf(p));
                o.put("role_name", Map.of("pull", "read", "push", "write").getOrDefault(p, p));
                return new Answer(200, o);
            }
            case "PUT": {
                String p = body.path("permission").asText("push");
                if (!TeamRepositoryType.PERMISSIONS.contains(p))
                    return validation("Validation Failed", "TeamRepository", "permission", "invalid", null);
                perms.put(r.name.toLowerCase(Locale.ROOT), p);
                return new Answer(204, null);
            }
            case "DELETE":
                perms.remove(r.name.toLowerCase(Locale.ROOT));
                return new Answer(204, null);
            default:
                return notFound();
        }
    }

    // ----- helpers -----

    static Answer notFound() {
        return notFound("Not Found");
    }

    /** GitHub's 403 to an installation token on an endpoint only a user's token may call. */
    private static Answer notAccessibleByIntegration(String docs) {
        return new Answer(403, FakeJson.error("Resource not accessible by integration", docs));
    }

    private static Answer notFound(String message) {
        return new Answer(404, FakeJson.error(message, DOCS));
    }

    /** A 422 as GitHub sends it: {@code message}, an {@code errors} array when there is a field at fault, docs URL. */
    static Answer validation(String message, String resource, String field, String code, String detail) {
        ObjectNode o = FakeJson.JSON.createObjectNode().put("message", message);
        if (resource != null) {
            ObjectNode e = o.putArray("errors").addObject().put("resource", resource).put("code", code).put("field", field);
            if (detail != null) e.put("message", detail);
        }
        o.put("documentation_url", DOCS);
        return new Answer(422, o);
    }

    private String now() {
        return Instant.ofEpochSecond(clockSecond++).toString();
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new TreeMap<>();
        if (q == null) return out;
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) out.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Git's blob SHA-1 of a file's content, as GitHub reports it. */
    static String blobSha(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return sha1(all);
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
