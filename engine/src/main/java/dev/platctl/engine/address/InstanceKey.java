package dev.platctl.engine.address;

/** Which instance of a resource block: none (a single instance), a count index or a for_each key. */
public sealed interface InstanceKey permits InstanceKey.None, InstanceKey.IntKey, InstanceKey.StringKey {
    None NONE = new None();

    /** A resource block without count or for_each. */
    record None() implements InstanceKey {
        @Override
        public String toString() {
            return "";
        }
    }

    /** {@code name[0]} */
    record IntKey(int index) implements InstanceKey {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code name["key"]} */
    record StringKey(String key) implements InstanceKey {
        @Override
        public String toString() {
            return "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
    }
}
