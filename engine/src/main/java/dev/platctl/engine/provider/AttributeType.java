package dev.platctl.engine.provider;

/** The type of a resource attribute, as providers declare it. */
public enum AttributeType {
    STRING, NUMBER, BOOL, LIST, MAP, OBJECT, ANY;

    public String displayName() {
        return name().toLowerCase();
    }
}
