package dev.platctl.engine.plan;

import java.util.Map;

/** The instances of every resource block of one request's module, by {@code <type>.<name>}. */
public record RequestInstances(Map<String, ResourceInstances> byBlock) {
    public static final RequestInstances NONE = new RequestInstances(Map.of());

    public RequestInstances {
        byBlock = Map.copyOf(byBlock);
    }

    /** The block's instances; a block that was not expanded (an error was reported) counts as a single instance. */
    public ResourceInstances of(String local) {
        return byBlock.getOrDefault(local, ResourceInstances.SINGLE);
    }
}
