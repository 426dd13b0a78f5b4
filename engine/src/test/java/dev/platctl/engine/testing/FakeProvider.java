package dev.platctl.engine.testing;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider for engine unit tests: {@code fake_thing} objects live in a map keyed by id;
 * calls are recorded; a name in {@link #failOn} makes create fail; {@link #throttle} makes calls on a name fail
 * with a retryable error a number of times, as an API's rate limit would.
 */
public final class FakeProvider implements Provider {
    public final Map<String, ObjectValue> objects = new ConcurrentHashMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final Set<String> failOn = ConcurrentHashMap.newKeySet();
    /** The prior value each update was given, in call order. */
    public final List<ObjectValue> updatePriors = new CopyOnWriteArrayList<>();
    /** Name → how many more create, update, delete, read or import calls on it fail with a retryable "Throttling" error. */
    public final Map<String, Integer> throttle = new ConcurrentHashMap<>();
    /** Names whose throttled create made the object before failing (the answer was lost): an ambiguous failure. */
    public final Set<String> createdBeforeThrottle = ConcurrentHashMap.newKeySet();
    /** The idempotency keys looked up, in call order. */
    public final List<String> lookups = new CopyOnWriteArrayList<>();
    /** Import ids this provider refuses, as a type that cannot be imported does. */
    public final Set<String> refuseImport = ConcurrentHashMap.newKeySet();
    /**
     * Names whose update and delete fail as a cloud API's error does: naming the object by its id only, with the API's
     * code, message and status apart ({@link ProviderException#api}).
     */
    public final Set<String> refuseChange = ConcurrentHashMap.newKeySet();
    /** Names whose update and delete fail with a message alone, as a provider that does not say the object and reason apart. */
    public final Set<String> refuseChangePlainly = ConcurrentHashMap.newKeySet();
    /**
     * Names whose read (and import) fails as {@link #refuseChange} says; a batch holding one fails whole, as one listing
     * call would.
     */
    public final Set<String> refuseRead = ConcurrentHashMap.newKeySet();
    /**
     * Names whose plan fails as a plan that asks the API does: naming the object by its id (none before it exists), with
     * the API's code, message and status apart.
     */
    public final Set<String> refusePlan = ConcurrentHashMap.newKeySet();
    /** Names whose plan fails with a message alone. */
    public final Set<String> refusePlanPlainly = ConcurrentHashMap.newKeySet();
    /** What a refused plan says the fake was doing: "plan" (the plan itself), or a step of it such as "read". */
    public volatile String refusePlanVerb = "plan";
    /**
     * Names whose create fails in a step about no one object, as a provider's listing or discovery of the API does:
     * {@code cannot list zones of region r1: Forbidden: no listing for you (status 403)}, with no object id.
     */
    public final Set<String> refuseCreateStep = ConcurrentHashMap.newKeySet();
    /**
     * Names whose create and update the API refuses with the message the function makes of what it was sent: an API
     * may quote back a value it was sent (a password it finds too weak).
     */
    public final Map<String, Function<ObjectValue, String>> refuseSaying = new ConcurrentHashMap<>();
    /** Whether the refusals of {@link #refuseSaying} are retryable (as a throttled call is). */
    public volatile boolean refuseSayingRetryable;
    /** How many objects one {@code readAll} reads (1: each on its own). */
    public volatile int readBatchSize = 1;
    /**
     * When set, why this provider cannot be configured: every call (plan included) fails with a
     * {@link ProviderConfigurationException} saying so, as a provider without its kubeconfig, region or token does.
     */
    public volatile String unconfigured;
    /** The reads made, in call order: {@code read <name>} for one object, {@code readAll [<name>, ...]} for a batch. */
    public final List<String> reads = new CopyOnWriteArrayList<>();
    /**
     * When set, each read of one object waits (at most 10 s) until this many have arrived, and {@link #readsMet} says
     * whether they all did: proof that reads overlap, whatever the timing.
     */
    public volatile CountDownLatch readsToMeet;
    public final AtomicBoolean readsMet = new AtomicBoolean(true);
    private final AtomicInteger ids = new AtomicInteger();
    private final Thing thing = new Thing();

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<AttributeSchema> configSchema() {
        return List.of();
    }

    @Override
    public Diagnostics configure(ObjectValue config) {
        return new Diagnostics();
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(thing);
    }

    private void configured() {
        String why = unconfigured;
        if (why != null) throw new ProviderConfigurationException("fake", why);
    }

    private static String name(ObjectValue o) {
        return o.getOrNull("name") instanceof StringValue s ? s.value() : String.valueOf(o.getOrNull("name"));
    }

    /** Counts a call on {@code name} against its throttle; true when this call is to fail. */
    private boolean throttled(Object name) {
        String n = name instanceof StringValue s ? s.value() : String.valueOf(name);
        boolean[] fail = {false};
        throttle.computeIfPresent(n, (k, left) -> {
            fail[0] = left > 0;
            return left > 1 ? left - 1 : null;
        });
        return fail[0];
    }

    /** Throttling errors say the object and the API's words apart ({@link ProviderException#api}), as the AWS provider's do. */
    public volatile boolean structuredThrottling;

    /** A throttled call on the object the provider knows as {@code id} (its name on a create, its id once made). */
    private ProviderException throttling(String verb, Object id) {
        if (structuredThrottling)
            return ProviderException.api(verb, "fake_thing", String.valueOf(id instanceof StringValue s ? s.value() : id),
                    ProviderException.ApiError.of("Throttling", "Rate exceeded", 400), true, null);
        return new ProviderException("Throttling: Rate exceeded (status 400)", true, null);
    }

    /** {@code fake_thing}: name (forces replacement), value, secret (sensitive); computed id. */
    final class Thing implements ResourceType {
        private final SchemaPlanner planner = new SchemaPlanner(new ResourceSchema("fake_thing", "a thing in memory", List.of(
                AttributeSchema.required("name", AttributeType.STRING, "").asForceNew(),
                AttributeSchema.optional("value", AttributeType.ANY, ""),
                AttributeSchema.optional("secret", AttributeType.STRING, "").asSensitive(),
                AttributeSchema.computed("id", AttributeType.STRING, ""))));

        @Override
        public ResourceSchema schema() {
            return planner.schema();
        }

        @Override
        public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
            configured();
            if (proposed.getOrNull("name") instanceof StringValue n) {
                String id = prior.map(p -> p.getOrNull("id").unmarked()).filter(StringValue.class::isInstance)
                        .map(v -> ((StringValue) v).value()).orElse(null);
                if (refusePlan.contains(n.value()))
                    throw ProviderException.api(refusePlanVerb, "fake_thing", id, ProviderException.ApiError.of("FakeError", "no plan for you",
                            403), false, null);
                if (refusePlanPlainly.contains(n.value())) throw new ProviderException("FakeError: no plan for you (status 403)");
            }
            Diagnostics d = planner.validate(proposed);
            if (d.hasErrors()) return new PlanResult(proposed, Set.of(), d);
            return planner.plan(prior, proposed);
        }

        @Override
        public ObjectValue create(ObjectValue planned, String key) {
            configured();
            String name = ((StringValue) planned.getOrNull("name")).value();
            calls.add("create " + name);
            if (failOn.contains(name)) throw new ProviderException("FakeError: cannot create " + name + " (status 500)");
            refuseSaying("create", name, planned);
            if (refuseCreateStep.contains(name))
                throw ProviderException.api("list", "zones of region r1", null, ProviderException.ApiError.of("Forbidden", "no listing for you",
                        403), false, null);
            boolean throttled = throttled(name);
            if (throttled && !createdBeforeThrottle.contains(name)) throw throttling("create", name);
            String id = "id-" + ids.incrementAndGet();
            ObjectValue v = planned.with("id", new StringValue(id));
            objects.put(id, v.with("key", new StringValue(key)));
            if (throttled) throw throttling("create", name);
            return v;
        }

        @Override
        public ObjectValue update(ObjectValue prior, ObjectValue planned) {
            configured();
            calls.add("update " + planned.getOrNull("name"));
            if (throttled(planned.getOrNull("name"))) throw throttling("update", prior.getOrNull("id"));
            refused("update", prior);
            if (planned.getOrNull("name") instanceof StringValue n) refuseSaying("update", n.value(), planned);
            updatePriors.add(prior);
            String id = ((StringValue) prior.getOrNull("id")).value();
            objects.put(id, planned.with("key", objects.get(id).getOrNull("key")));
            return planned;
        }

        @Override
        public void delete(ObjectValue prior) {
            configured();
            calls.add("delete " + prior.getOrNull("name"));
            if (throttled(prior.getOrNull("name"))) throw throttling("delete", prior.getOrNull("id"));
            refused("delete", prior);
            objects.remove(((StringValue) prior.getOrNull("id")).value());
        }

        private void refuseSaying(String verb, String name, ObjectValue planned) {
            Function<ObjectValue, String> says = refuseSaying.get(name);
            if (says == null) return;
            String message = says.apply(planned);
            throw ProviderException.api(verb, "fake_thing", name, ProviderException.ApiError.of("FakeError", message, 400),
                    refuseSayingRetryable, new IllegalStateException("the API answered: " + message));
        }

        private void refused(String verb, ObjectValue prior) {
            if (!(prior.getOrNull("name") instanceof StringValue n)) return;
            String id = ((StringValue) prior.getOrNull("id")).value();
            if (refuseChange.contains(n.value()))
                throw ProviderException.api(verb, "fake_thing", id, ProviderException.ApiError.of("FakeError", "refused", 400), false, null);
            if (refuseChangePlainly.contains(n.value()))
                throw new ProviderException("cannot " + verb + " fake_thing " + id + ": FakeError: refused (status 400)");
        }

        @Override
        public int readBatchSize() {
            return readBatchSize;
        }

        @Override
        public Optional<ObjectValue> read(ObjectValue state) {
            reads.add("read " + name(state));
            configured();
            CountDownLatch meet = readsToMeet;
            if (meet != null) {
                meet.countDown();
                try {
                    if (!meet.await(10, TimeUnit.SECONDS)) readsMet.set(false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    readsMet.set(false);
                }
            }
            return readOne(state);
        }

        /** As one listing call would: the first object that cannot be read fails the whole batch. */
        @Override
        public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
            reads.add("readAll " + states.stream().map(FakeProvider::name).toList());
            configured();
            return states.stream().map(this::readOne).toList();
        }

        private Optional<ObjectValue> readOne(ObjectValue state) {
            Value id = state.getOrNull("id");
            if (!(id instanceof StringValue s)) return Optional.empty();
            if (state.getOrNull("name") instanceof StringValue n && refuseRead.contains(n.value()))
                throw ProviderException.api("read", "fake_thing", s.value(), ProviderException.ApiError.of("FakeError", "no read for you", 403),
                        false, null);
            if (throttled(state.getOrNull("name"))) throw throttling("read", id);
            return Optional.ofNullable(objects.get(s.value())).map(o -> o.without("key"));
        }

        @Override
        public Optional<ObjectValue> importState(String id) {
            configured();
            if (refuseImport.contains(id))
                throw new ProviderException("cannot import fake_thing '" + id + "': it exists only in state, so there is nothing to import");
            ObjectValue o = objects.get(id);
            if (o != null && o.getOrNull("name") instanceof StringValue n && refuseRead.contains(n.value()))
                throw ProviderException.api("read", "fake_thing", id, ProviderException.ApiError.of("FakeError", "no read for you", 403),
                        false, null);
            if (o != null && throttled(o.getOrNull("name"))) throw throttling("import", id);
            return Optional.ofNullable(o).map(x -> x.without("key"));
        }

        @Override
        public Optional<ObjectValue> lookup(String key, ObjectValue planned) {
            configured();
            lookups.add(key);
            return objects.values().stream().filter(o -> o.getOrNull("key").equals(new StringValue(key))).findFirst()
                    .map(o -> o.without("key"));
        }
    }
}
