package dev.platctl.engine.testing;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.Provider;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider for engine unit tests: {@code fake_thing} objects live in a map keyed by id;
 * calls are recorded; a name in {@link #failOn} makes create fail.
 */
public final class FakeProvider implements Provider {
    public final Map<String, ObjectValue> objects = new ConcurrentHashMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final Set<String> failOn = ConcurrentHashMap.newKeySet();
    /** The prior value each update was given, in call order. */
    public final List<ObjectValue> updatePriors = new CopyOnWriteArrayList<>();
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
            Diagnostics d = planner.validate(proposed);
            if (d.hasErrors()) return new PlanResult(proposed, Set.of(), d);
            return planner.plan(prior, proposed);
        }

        @Override
        public ObjectValue create(ObjectValue planned, String key) {
            String name = ((StringValue) planned.getOrNull("name")).value();
            calls.add("create " + name);
            if (failOn.contains(name)) throw new ProviderException("FakeError: cannot create " + name + " (status 500)");
            String id = "id-" + ids.incrementAndGet();
            ObjectValue v = planned.with("id", new StringValue(id));
            objects.put(id, v.with("key", new StringValue(key)));
            return v;
        }

        @Override
        public ObjectValue update(ObjectValue prior, ObjectValue planned) {
            calls.add("update " + planned.getOrNull("name"));
            updatePriors.add(prior);
            String id = ((StringValue) prior.getOrNull("id")).value();
            objects.put(id, planned.with("key", objects.get(id).getOrNull("key")));
            return planned;
        }

        @Override
        public void delete(ObjectValue prior) {
            calls.add("delete " + prior.getOrNull("name"));
            objects.remove(((StringValue) prior.getOrNull("id")).value());
        }

        @Override
        public Optional<ObjectValue> read(ObjectValue state) {
            Value id = state.getOrNull("id");
            if (!(id instanceof StringValue s)) return Optional.empty();
            return Optional.ofNullable(objects.get(s.value())).map(o -> o.without("key"));
        }

        @Override
        public Optional<ObjectValue> importState(String id) {
            return Optional.ofNullable(objects.get(id)).map(o -> o.without("key"));
        }

        @Override
        public Optional<ObjectValue> lookup(String key, ObjectValue planned) {
            return objects.values().stream().filter(o -> o.getOrNull("key").equals(new StringValue(key))).findFirst()
                    .map(o -> o.without("key"));
        }
    }
}
