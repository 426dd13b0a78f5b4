package dev.platctl.engine.value;

import java.util.ArrayList;
import java.util.List;

/** An ordered sequence (HCL tuple or list). */
public record ListValue(List<Value> items) implements Value {
    public static final ListValue EMPTY = new ListValue(List.of());

    public ListValue {
        items = List.copyOf(items);
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public boolean isWhollyKnown() {
        for (Value v : items) if (!v.isWhollyKnown()) return false;
        return true;
    }

    @Override
    public boolean containsSensitive() {
        for (Value v : items) if (v.containsSensitive()) return true;
        return false;
    }

    @Override
    public Value unmarked() {
        if (!containsSensitive()) return this;
        List<Value> out = new ArrayList<>(items.size());
        for (Value v : items) out.add(v.unmarked());
        return new ListValue(out);
    }

    public int size() {
        return items.size();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
