package dev.platctl.engine.plan;

/** Why a change is planned, for the line a person reads under it. */
public enum ChangeReason {
    NONE(""),
    NOT_IN_STATE("not in state yet"),
    CONFIG_CHANGED("configuration changed"),
    REPLACE_FORCED("an attribute that forces replacement changed"),
    REPLACE_TRIGGERED("a resource named in lifecycle.replace_triggered_by changed"),
    TAINTED("marked tainted by a failed apply"),
    GONE("deleted outside platctl"),
    DRIFTED("changed outside platctl"),
    NO_LONGER_DESIRED("no longer in the configuration"),
    DESTROY("destroy requested"),
    INTERRUPTED_CREATE("a create was interrupted and the object was not found");

    private final String text;

    ChangeReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
