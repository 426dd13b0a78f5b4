package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;

import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Expression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One version of a platform module, as read from {@code module.hcl}. */
public record ModuleConfig(String name, SemVer version, String kind, String description, Path dir, String file,
                           List<InputDecl> inputs, List<ResourceDecl> resources, List<OutputDecl> outputs,
                           Optional<ConnectionSecretDecl> connectionSecret, SourceRange range) {
    /** The {@code request} attribute a module reads the resolved golden path from: {@code {name, version}}. */
    public static final String GOLDEN_PATH = "golden_path";

    public ModuleConfig {
        inputs = List.copyOf(inputs);
        resources = List.copyOf(resources);
        outputs = List.copyOf(outputs);
    }

    /** {@code name@version} */
    public String ref() {
        return name + "@" + version;
    }

    public Optional<InputDecl> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<ResourceDecl> resource(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }

    /**
     * Whether anything the module evaluates for a request (a resource's attributes, nested blocks, {@code count} and
     * {@code for_each}, an output, a {@code connection_secret} key) reads {@code request.golden_path}: its requests
     * then need {@code spec.goldenPath}. It walks every expression: callers ask once per module, not per request.
     */
    public boolean readsGoldenPath() {
        List<Expression> expressions = new ArrayList<>();
        for (ResourceDecl r : resources) {
            r.attributes().forEach(a -> expressions.add(a.expression()));
            r.nestedBlocks().forEach(b -> collect(b, expressions));
            r.count().ifPresent(expressions::add);
            r.forEach().ifPresent(expressions::add);
        }
        outputs.forEach(o -> expressions.add(o.value()));
        connectionSecret.ifPresent(c -> c.keys().forEach(k -> expressions.add(k.expression())));
        return expressions.stream().flatMap(e -> Evaluator.references(e).stream())
                .anyMatch(t -> t.rootName().equals("request") && t.attrName(1).equals(GOLDEN_PATH));
    }

    private static void collect(Block b, List<Expression> out) {
        b.body().attributes().forEach(a -> out.add(a.expression()));
        b.body().blocks().forEach(nb -> collect(nb, out));
    }
}
