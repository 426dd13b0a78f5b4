package dev.platctl.engine.goldenpath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.parse.StringTokenScannerSymbols;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a golden path's skeleton with Jinjava and Backstage's {@code ${{ values.x }}} delimiters, safe by
 * construction: no includes or imports (no template loader either), no method calls or bean properties on
 * values, no symbolic links, and no rendered file name that leaves the output folder.
 */
public final class SkeletonRenderer {
    static final long MAX_OUTPUT_CHARS = 4L * 1024 * 1024;
    private static final Map<Context.Library, Set<String>> DISABLED = Map.of(
            Context.Library.TAG, Set.of("include", "import", "from", "extends", "block"),
            Context.Library.FILTER, Set.of("attr"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jinjava jinjava;

    public SkeletonRenderer() {
        StringTokenScannerSymbols symbols = new StringTokenScannerSymbols.Builder()
                .withVariableStartString("${{").withVariableEndString("}}")
                .withBlockStartString("{%").withBlockEndString("%}")
                .withCommentStartString("{#").withCommentEndString("#}")
                .build();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTokenScannerSymbols(symbols)
                .withFailOnUnknownTokens(true)
                // a value is text: a description holding "${{ ... }}" or "{% raw %}" must not be rendered in its turn
                .withNestedInterpretationEnabled(false)
                .withDisabled(DISABLED)
                .withElResolver(SafeElResolver.create())
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withMaxRenderDepth(10)
                .withKeepTrailingNewline(true)
                .build();
        jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new DumpFilter());
        jinjava.getGlobalContext().registerFilter(new MarkdownTextFilter());
        jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new IOException("templates cannot read files (asked for " + name + ")");
        });
    }

    /**
     * The context a skeleton sees: {@code parameters} as validated, and {@code values} as the
     * {@code fetch:template} step passes them (rendered from the parameters), or the parameters when it passes none.
     */
    public Map<String, Object> context(Template template, ObjectValue parameters, Diagnostics diags) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("parameters", java(parameters));
        Value given = template.fetchStep().map(s -> s.input().getOrNull("values")).orElse(Value.NULL);
        if (!(given instanceof ObjectValue values)) {
            ctx.put("values", java(parameters));
            return ctx;
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        values.attributes().forEach((k, v) -> rendered.put(k, renderValue(v, ctx, "template.yaml", diags)));
        ctx.put("values", rendered);
        return ctx;
    }

    /** Renders every file of the template's skeleton: names and contents. */
    public Optional<RenderedSkeleton> render(Template template, ObjectValue parameters, Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        Map<String, Object> ctx = context(template, parameters, d);
        TreeMap<String, String> out = new TreeMap<>();
        // read here, not only checked when the template was read: the folder may have been swapped for a link since
        Optional<Map<String, byte[]>> files = SkeletonFiles.read(template, d);
        if (files.isEmpty()) {
            diags.addAll(d);
            return Optional.empty();
        }
        String folder = template.dir().toAbsolutePath().normalize().relativize(template.skeleton().toAbsolutePath().normalize()).toString().replace('\\', '/');
        for (Map.Entry<String, byte[]> file : files.get().entrySet()) {
            String rel = file.getKey();
            String shown = folder + "/" + rel;
            Optional<String> name = render(rel, ctx, shown, d);
            Optional<String> content = text(file.getValue(), shown, d).flatMap(text -> render(text, ctx, shown, d));
            if (name.isEmpty() || content.isEmpty()) continue;
            Optional<String> problem = OutputPath.problem(name.get());
            if (problem.isPresent()) {
                d.error("Refused file name \"" + name.get() + "\"", "the skeleton file " + shown + " renders to a name platctl will not write: "
                        + problem.get() + ". Rendered files stay inside the output folder.", SourceRange.at(shown, 1, 1));
                continue;
            }
            String previous = out.put(name.get(), content.get());
            if (previous != null)
                d.error("Two skeleton files render to \"" + name.get() + "\"", "file names must stay distinct after rendering.", SourceRange.at(shown, 1, 1));
        }
        diags.addAll(d);
        return d.hasErrors() ? Optional.empty() : Optional.of(new RenderedSkeleton(out));
    }

    /**
     * Renders the one skeleton file at {@code path} (its name as written in the skeleton), read as
     * {@link #render(Template, ObjectValue, Diagnostics)} reads them; empty when there is no such plain file.
     */
    public Optional<String> renderFile(Template template, Map<String, Object> ctx, String path, Diagnostics diags) {
        String shown = "skeleton/" + path;
        return SkeletonFiles.readOne(template, path).flatMap(bytes -> text(bytes, shown, diags)).flatMap(text -> render(text, ctx, shown, diags));
    }

    /** Renders one piece of template text; every Jinjava error (a refused call included) is a diagnostic. */
    public Optional<String> render(String text, Map<String, Object> ctx, String file, Diagnostics diags) {
        RenderResult r;
        try {
            r = jinjava.renderForResult(text, ctx);
        } catch (RuntimeException e) {
            diags.error("Cannot render " + file, e.getMessage(), SourceRange.at(file, 1, 1));
            return Optional.empty();
        }
        if (r.getErrors().isEmpty()) return Optional.of(r.getOutput());
        for (TemplateError e : r.getErrors())
            diags.error("Cannot render " + file, describe(e), SourceRange.at(file, Math.max(1, e.getLineno()), Math.max(1, e.getStartPosition())));
        return Optional.empty();
    }

    private static String describe(TemplateError e) {
        String m = e.getMessage() == null ? e.getReason().name() : e.getMessage();
        if (m.startsWith("Cannot find method") || m.startsWith("Cannot resolve property"))
            return m + ": templates may use values, filters, tests and tags, but not call methods or read properties of Java objects.";
        if (m.contains("is disabled in this context"))
            return m + ": templates cannot include, import or extend other files.";
        return m;
    }

    /**
     * A step's input with every {@code ${{ }}} in it rendered; a string that is one whole expression keeps its type
     * (a number stays a number), as in Backstage.
     */
    public Value renderInput(Value v, Map<String, Object> ctx, String file, Diagnostics d) {
        return ValueJson.fromJava(renderValue(v, ctx, file, d));
    }

    private Object renderValue(Value v, Map<String, Object> ctx, String file, Diagnostics d) {
        if (v instanceof StringValue s) {
            String text = s.value().trim();
            if (text.startsWith("${{") && text.endsWith("}}") && text.indexOf("${{", 3) < 0) {
                Map<String, Object> withResult = new LinkedHashMap<>(ctx);
                Optional<String> json = render("${{ (" + text.substring(3, text.length() - 2) + ") | tojson }}", withResult, file, d);
                return json.map(SkeletonRenderer::fromJson).orElse(null);
            }
            return render(s.value(), ctx, file, d).orElse("");
        }
        if (v instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.attributes().forEach((k, x) -> m.put(k, renderValue(x, ctx, file, d)));
            return m;
        }
        if (v instanceof ListValue l) {
            List<Object> out = new ArrayList<>();
            for (Value x : l.items()) out.add(renderValue(x, ctx, file, d));
            return out;
        }
        return java(v);
    }

    /** A step value that is one whole expression keeps its type (a number stays a number), as in Backstage. */
    private static Object fromJson(String json) {
        try {
            return java(ValueJson.fromJson(JSON.readTree(json)));
        } catch (IOException e) {
            return json;
        }
    }

    static Object java(Value v) {
        if (v instanceof StringValue s) return s.value();
        if (v instanceof BoolValue b) return b.value();
        if (v instanceof NumberValue n) return n.isInteger() ? (Object) n.value().longValueExact() : (Object) n.value().doubleValue();
        if (v instanceof ListValue l) {
            List<Object> out = new ArrayList<>();
            for (Value x : l.items()) out.add(java(x));
            return out;
        }
        if (v instanceof ObjectValue o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.attributes().forEach((k, x) -> out.put(k, java(x)));
            return out;
        }
        return null;
    }

    private static Optional<String> text(byte[] bytes, String shown, Diagnostics d) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            d.error("Not a text file", shown + " is not UTF-8 text; skeleton files are rendered as text.", SourceRange.at(shown, 1, 1));
            return Optional.empty();
        }
    }
}
