package dev.platctl.engine.plan;

/** What the engine will do to one resource. */
public enum Action {
    NO_OP, CREATE, UPDATE, DELETE_THEN_CREATE, CREATE_THEN_DELETE, DELETE, READ;

    public boolean isReplace() {
        return this == DELETE_THEN_CREATE || this == CREATE_THEN_DELETE;
    }

    /** The Terraform JSON plan's {@code actions} array for this action. */
    public java.util.List<String> terraformActions() {
        return switch (this) {
            case NO_OP -> java.util.List.of("no-op");
            case CREATE -> java.util.List.of("create");
            case UPDATE -> java.util.List.of("update");
            case DELETE_THEN_CREATE -> java.util.List.of("delete", "create");
            case CREATE_THEN_DELETE -> java.util.List.of("create", "delete");
            case DELETE -> java.util.List.of("delete");
            case READ -> java.util.List.of("read");
        };
    }
}
