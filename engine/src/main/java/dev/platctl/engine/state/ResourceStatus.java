package dev.platctl.engine.state;

/** Where a resource in state stands. */
public enum ResourceStatus {
    /** Created (or adopted) and last seen with the recorded attributes. */
    CREATED,
    /**
     * An intent: platctl was about to call the provider's create. The attributes are the planned values;
     * the next plan resolves it by looking the object up by its idempotency key.
     */
    PENDING_CREATE,
    /** A create or update failed part-way; the next plan replaces it. */
    TAINTED
}
