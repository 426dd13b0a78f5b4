package dev.platctl.engine.expr;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.ParameterValidator;
import dev.platctl.engine.goldenpath.ParameterValues;
import dev.platctl.engine.goldenpath.RenderedSkeleton;
import dev.platctl.engine.goldenpath.SkeletonRenderer;
import dev.platctl.engine.goldenpath.Template;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code golden_path_files(name, version, parameters)}: a golden path's skeleton rendered with the given parameters,
 * as a map of file path to content, through the same sandboxed renderer as {@code platctl new}.
 */
final class GoldenPathFunctions {
    private GoldenPathFunctions() {
    }

    /** The golden path is looked up in {@code golden-paths/} of {@code baseDir} and of each folder above it. */
    static List<FunctionDef> all(Path baseDir) {
        Map<String, ObjectValue> rendered = new ConcurrentHashMap<>();
        return List.of(FunctionDef.of("golden_path_files(name, version, parameters)", 3, 3, a -> {
            String name = Args.string(a, 0, "name");
            String version = Args.string(a, 1, "version");
            ObjectValue parameters = Args.object(a, 2, "parameters");
            String key = name + "@" + version + " " + parameters;
            return rendered.computeIfAbsent(key, k -> render(baseDir, name, version, parameters));
        }));
    }

    /** Jinjava is built only when a module calls the function, so the many function tables that never do stay cheap. */
    private static ObjectValue render(Path baseDir, String name, String version, ObjectValue given) {
        Template template;
        try {
            template = GoldenPaths.load(baseDir, name, version);
        } catch (DiagnosticsException e) {
            throw new FunctionException("golden path " + name + " has errors: " + describe(e.diagnostics().errors()));
        } catch (PlatctlException e) {
            throw new FunctionException(e.getMessage());
        }
        ObjectValue parameters = ParameterValues.withDefaults(template, given.attributes());
        List<Diagnostic> invalid = ParameterValidator.validate(template, parameters);
        if (!invalid.isEmpty())
            throw new FunctionException("the parameters do not fit golden path " + name + "@" + version + ": " + describe(invalid));
        Diagnostics d = new Diagnostics();
        RenderedSkeleton skeleton = new SkeletonRenderer().render(template, parameters, d)
                .orElseThrow(() -> new FunctionException("cannot render golden path " + name + "@" + version + ": " + describe(d.errors())));
        Map<String, Value> files = new TreeMap<>();
        skeleton.files().forEach((path, content) -> files.put(path, new StringValue(content)));
        return new ObjectValue(files);
    }

    private static String describe(List<Diagnostic> problems) {
        return problems.stream().map(p -> p.summary() + (p.detail().isEmpty() ? "" : ": " + p.detail())).collect(Collectors.joining("; "));
    }
}
