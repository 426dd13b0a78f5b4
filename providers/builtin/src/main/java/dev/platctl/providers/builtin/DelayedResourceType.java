package dev.platctl.providers.builtin;

import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;

import java.util.List;
import java.util.Optional;

/** A resource type whose create, update, delete, read, import and lookup calls wait out the simulated latency first. */
final class DelayedResourceType implements ResourceType {
    private final ResourceType delegate;
    static final int LIST_PAGE = 100;
    private final SimulatedLatency latency;

    DelayedResourceType(ResourceType delegate, SimulatedLatency latency) {
        this.delegate = delegate;
        this.latency = latency;
    }

    @Override
    public ResourceSchema schema() {
        return delegate.schema();
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        return delegate.plan(prior, proposed);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        latency.pause("create " + type());
        return delegate.create(planned, idempotencyKey);
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        latency.pause("update " + type());
        return delegate.update(prior, planned);
    }

    @Override
    public void delete(ObjectValue prior) {
        latency.pause("delete " + type());
        delegate.delete(prior);
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        latency.pause("read " + type());
        return delegate.read(state);
    }

    /** The built-in types read local objects, so a batch stands for one list call: one pause per batch. */
    @Override
    public int readBatchSize() {
        return LIST_PAGE;
    }

    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        latency.pause("list " + type());
        return delegate.readAll(states);
    }

    @Override
    public Optional<ObjectValue> importState(String id) {
        latency.pause("import " + type());
        return delegate.importState(id);
    }

    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        latency.pause("look up " + type());
        return delegate.lookup(idempotencyKey, planned);
    }

    private String type() {
        return delegate.schema().type();
    }
}
