package dev.platctl.engine.expr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions an expression may call, by name. {@code can} and {@code try} are not here: the evaluator
 * handles them itself because they need their arguments unevaluated.
 */
public final class Functions {
    private final Map<String, FunctionDef> byName;

    private Functions(Collection<FunctionDef> defs) {
        TreeMap<String, FunctionDef> m = new TreeMap<>();
        for (FunctionDef d : defs) m.put(d.name(), d);
        this.byName = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The standard library; {@code file()} reads only below {@code baseDir}, and {@code golden_path_files()} finds
     * golden paths in {@code golden-paths/} of {@code baseDir} or a folder above it.
     */
    public static Functions standard(Path baseDir) {
        List<FunctionDef> all = new ArrayList<>();
        all.addAll(StringFunctions.all());
        all.addAll(CollectionFunctions.all());
        all.addAll(NumericFunctions.all());
        all.addAll(ConversionFunctions.all());
        all.addAll(EncodingFunctions.all());
        all.addAll(UuidFunctions.all());
        all.addAll(NetworkFunctions.all());
        all.addAll(FileFunctions.all(baseDir));
        all.addAll(GoldenPathFunctions.all(baseDir));
        return new Functions(all);
    }

    public static Functions none() {
        return new Functions(List.of());
    }

    /** These functions plus {@code more} (which replace any of the same name). */
    public Functions with(FunctionDef... more) {
        List<FunctionDef> all = new ArrayList<>(byName.values());
        all.addAll(List.of(more));
        return new Functions(all);
    }

    public Optional<FunctionDef> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Sorted names. */
    public Set<String> names() {
        return byName.keySet();
    }
}
