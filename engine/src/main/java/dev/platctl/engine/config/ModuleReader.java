package dev.platctl.engine.config;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Body;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.HclParser;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads one {@code module.hcl} into a {@link ModuleConfig}, reporting every problem it finds. */
final class ModuleReader {
    static final List<String> HEADER_FIELDS = List.of("name", "version", "kind", "description");
    static final List<String> INPUT_FIELDS = List.of("type", "default", "description", "sensitive", "minimum", "maximum",
            "pattern", "enum", "min_length", "max_length");
    static final List<String> OUTPUT_FIELDS = List.of("value", "description", "sensitive");
    static final List<String> BLOCK_TYPES = List.of("module", "input", "resource", "output", "connection_secret");
    /** What {@code request.<field>} offers in a module (other names are requests, read only by resources). */

    private final String file;
    private final Path dir;
    private final Diagnostics diags;
    private final EvalContext staticCtx;

    private ModuleReader(Path path, String file, Diagnostics diags) {
        this.file = file;
        this.dir = path.getParent();
        this.diags = diags;
        this.staticCtx = new EvalContext(Map.of(), Functions.standard(dir));
    }

    static Optional<ModuleConfig> read(Path path, String file, String text, Diagnostics diags) {
        HclParser.ParseResult r = HclParser.parse(file, text);
        diags.addAll(r.diagnostics());
        if (r.diagnostics().hasErrors()) return Optional.empty();
        return new ModuleReader(path, file, diags).module(r.body());
    }

    private Optional<ModuleConfig> module(Body body) {
        Diagnostics mine = new Diagnostics();
        String name = "", kind = "", description = "";
        SemVer version = null;
        SourceRange headerRange = body.range();
        List<Block> headers = body.blocks("module");
        if (headers.isEmpty()) {
            mine.error("Missing module block", "a module file starts with module { name = \"...\" version = \"1.0.0\" kind = \"...\" }.",
                    SourceRange.at(file, 1, 1));
        } else {
            Block h = headers.get(0);
            headerRange = h.range();
            if (headers.size() > 1)
                mine.error("Duplicate module block", "a module file has one module block.", headers.get(1).typeRange());
            for (Attribute a : h.body().attributes()) {
                if (!HEADER_FIELDS.contains(a.name())) {
                    mine.error("Unsupported argument \"" + a.name() + "\"", "the module block takes: "
                            + String.join(", ", HEADER_FIELDS) + "." + Suggestions.didYouMean(a.name(), HEADER_FIELDS), a.nameRange());
                    continue;
                }
                String s = staticString(a, mine);
                switch (a.name()) {
                    case "name" -> name = s;
                    case "kind" -> kind = s;
                    case "description" -> description = s;
                    case "version" -> {
                        version = SemVer.parse(s).orElse(null);
                        if (version == null)
                            mine.error("Invalid module version \"" + s + "\"", "a version is MAJOR.MINOR.PATCH[-pre-release][+build], e.g. 1.2.0.", a.range());
                    }
                    default -> { }
                }
            }
            if (name.isEmpty()) mine.error("Missing module name", "set name = \"...\" in the module block.", h.typeRange());
            if (version == null && h.body().attribute("version").isEmpty())
                mine.error("Missing module version", "set version = \"1.0.0\" in the module block.", h.typeRange());
        }
        List<InputDecl> inputs = new ArrayList<>();
        List<ResourceDecl> resources = new ArrayList<>();
        List<OutputDecl> outputs = new ArrayList<>();
        Optional<ConnectionSecretDecl> connectionSecret = Optional.empty();
        Map<String, SourceRange> seen = new HashMap<>();
        for (Attribute a : body.attributes())
            mine.error("Unexpected attribute \"" + a.name() + "\"", "a module file holds blocks: "
                    + String.join(", ", BLOCK_TYPES) + ".", a.nameRange());
        for (Block b : body.blocks()) {
            switch (b.type()) {
                case "module" -> { }
                case "input" -> {
                    if (label(b, 1, "input \"storage_gb\" { type = number }", mine) && unique("input." + b.labels().get(0), b, seen, mine))
                        input(b).ifPresent(inputs::add);
                }
                case "resource" -> {
                    if (label(b, 2, "resource \"local_file\" \"config\" { ... }", mine)
                            && unique(b.labels().get(0) + "." + b.labels().get(1), b, seen, mine))
                        resource(b, mine).ifPresent(resources::add);
                }
                case "output" -> {
                    if (label(b, 1, "output \"path\" { value = ... }", mine) && unique("output." + b.labels().get(0), b, seen, mine))
                        output(b, mine).ifPresent(outputs::add);
                }
                case "connection_secret" -> {
                    if (connectionSecret.isPresent())
                        mine.error("Duplicate connection_secret block", "a module has one connection_secret block; the first is on line "
                                + connectionSecret.get().range().start().line() + ".", b.typeRange());
                    else if (label(b, 0, "connection_secret { host = ... }", mine))
                        connectionSecret = connectionSecret(b, mine);
                }
                default -> mine.error("Unsupported block type \"" + b.type() + "\"", "a module file holds module, input, resource, output"
                        + " and connection_secret blocks." + Suggestions.didYouMean(b.type(), BLOCK_TYPES), b.typeRange());
            }
        }
        connectionSecret.ifPresent(cs -> checkConnectionSecret(cs, inputs, resources, mine));
        diags.addAll(mine);
        if (mine.hasErrors() || version == null) return Optional.empty();
        return Optional.of(new ModuleConfig(name, version, kind, description, dir, file, inputs, resources, outputs,
                connectionSecret, headerRange));
    }

    private boolean label(Block b, int n, String example, Diagnostics d) {
        if (b.labels().size() == n) return true;
        d.error("Wrong number of labels on " + b.type() + " block", "expected " + n + (n == 1 ? " label" : " labels") + ", e.g. " + example + ".", b.typeRange());
        return false;
    }

    private boolean unique(String key, Block b, Map<String, SourceRange> seen, Diagnostics d) {
        SourceRange first = seen.putIfAbsent(key, b.range());
        if (first == null) return true;
        d.error("Duplicate " + b.type() + " \"" + String.join(".", b.labels()) + "\"", "it is already declared on line "
                + first.start().line() + ".", b.typeRange());
        return false;
    }

    private Optional<InputDecl> input(Block b) {
        String name = b.labels().get(0);
        TypeConstraint type = b.body().attribute("type").map(a -> typeOf(a.expression())).orElse(TypeConstraint.ANY);
        InputRuleReader rules = new InputRuleReader(name, type, staticCtx, diags);
        Optional<Value> dflt = Optional.empty();
        String description = "";
        boolean sensitive = false;
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "type" -> { }
                case "default" -> dflt = Optional.of(Evaluator.evaluate(a.expression(), staticCtx, diags));
                case "description" -> description = staticString(a, diags);
                case "sensitive" -> sensitive = staticBool(a);
                default -> {
                    if (InputRuleReader.RULE_FIELDS.contains(a.name())) rules.attribute(a);
                    else diags.error("Unsupported argument \"" + a.name() + "\"", "an input block takes: "
                            + String.join(", ", INPUT_FIELDS) + "." + Suggestions.didYouMean(a.name(), INPUT_FIELDS), a.nameRange());
                }
            }
        }
        for (Block vb : b.body().blocks()) {
            if (vb.type().equals("validation")) rules.validation(vb);
            else diags.error("Unsupported block type \"" + vb.type() + "\"", "an input block holds one kind of block: validation."
                    + Suggestions.didYouMean(vb.type(), List.of("validation")), vb.typeRange());
        }
        SourceRange defaultRange = b.body().attribute("default").map(Attribute::range).orElse(b.range());
        if (dflt.isPresent() && !dflt.get().isNull()) {
            Optional<Value> conv = type.convert(dflt.get());
            if (conv.isEmpty())
                diags.error("Invalid default for input \"" + name + "\"", "the default is " + dflt.get().typeName()
                        + ", but the input's type is " + type + ".", defaultRange);
            else dflt = conv;
        }
        return Optional.of(new InputDecl(name, type, dflt, description, sensitive, rules.rules(), b.range(), defaultRange));
    }

    private TypeConstraint typeOf(Expression e) {
        if (e instanceof Expression.ScopeTraversal st && st.traversal().steps().size() == 1) {
            switch (st.traversal().rootName()) {
                case "string": return TypeConstraint.STRING;
                case "number": return TypeConstraint.NUMBER;
                case "bool": return TypeConstraint.BOOL;
                case "any": return TypeConstraint.ANY;
                case "list": return new TypeConstraint(TypeConstraint.Kind.LIST, Optional.empty());
                case "map": return new TypeConstraint(TypeConstraint.Kind.MAP, Optional.empty());
                default: break;
            }
        } else if (e instanceof Expression.FunctionCall f && f.args().size() == 1
                && (f.name().equals("list") || f.name().equals("map") || f.name().equals("set"))) {
            TypeConstraint.Kind k = f.name().equals("map") ? TypeConstraint.Kind.MAP : TypeConstraint.Kind.LIST;
            return new TypeConstraint(k, Optional.of(typeOf(f.args().get(0))));
        } else if (e instanceof Expression.FunctionCall g && g.name().equals("object") && g.args().size() == 1
                && g.args().get(0) instanceof Expression.ObjectCons o) {
            return objectType(o);
        }
        diags.error("Invalid type", "expected string, number, bool, any, list(T), map(T) or object({name = T, ...}).", e.range());
        return TypeConstraint.ANY;
    }

    /** {@code object({name = string, size = optional(number, 10)})} */
    private TypeConstraint objectType(Expression.ObjectCons o) {
        Map<String, TypeConstraint.Attr> attrs = new TreeMap<>();
        for (Expression.ObjectCons.Item item : o.items()) {
            Value key = Evaluator.evaluate(item.key(), staticCtx, diags);
            if (!(key instanceof StringValue k)) {
                diags.error("Invalid object type", "each attribute of an object type is a name, e.g. object({name = string}).", item.key().range());
                continue;
            }
            if (item.value() instanceof Expression.FunctionCall f && f.name().equals("optional") && (f.args().size() == 1 || f.args().size() == 2)) {
                TypeConstraint t = typeOf(f.args().get(0));
                Optional<Value> dflt = Optional.empty();
                if (f.args().size() == 2) {
                    Value v = Evaluator.evaluate(f.args().get(1), staticCtx, diags);
                    dflt = t.convert(v);
                    if (dflt.isEmpty())
                        diags.error("Invalid default for attribute \"" + k.value() + "\"", "the default is " + v.typeName()
                                + ", but the attribute's type is " + t + ".", f.args().get(1).range());
                }
                attrs.put(k.value(), new TypeConstraint.Attr(t, true, dflt));
            } else {
                attrs.put(k.value(), new TypeConstraint.Attr(typeOf(item.value()), false, Optional.empty()));
            }
        }
        return TypeConstraint.object(attrs);
    }

    private Optional<ResourceDecl> resource(Block b, Diagnostics d) {
        String type = b.labels().get(0), name = b.labels().get(1);
        if (!ResourceAddress.TYPE_NAME.matcher(type).matches()) {
            d.error("Invalid resource type \"" + type + "\"", "resource types are lower-case words joined by _, e.g. local_file.", b.labelRanges().get(0));
            return Optional.empty();
        }
        if (!ResourceAddress.BLOCK_NAME.matcher(name).matches()) {
            d.error("Invalid resource name \"" + name + "\"", "a resource name starts with a letter or _ and holds letters, digits, _ and -.", b.labelRanges().get(1));
            return Optional.empty();
        }
        List<Attribute> attrs = new ArrayList<>();
        List<Traversal> dependsOn = new ArrayList<>();
        Optional<Expression> count = Optional.empty(), forEach = Optional.empty();
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "depends_on" -> dependsOn(a, dependsOn, d);
                case "count" -> count = Optional.of(a.expression());
                case "for_each" -> forEach = Optional.of(a.expression());
                case "provider" -> d.error("\"provider\" is not supported in this version", "platctl does not support the provider"
                        + " meta-argument yet; each resource type has one provider.", a.nameRange());
                default -> attrs.add(a);
            }
        }
        if (count.isPresent() && forEach.isPresent())
            d.error("Invalid combination of \"count\" and \"for_each\"", "a resource repeats by count or by for_each, not both.",
                    b.body().attribute("for_each").orElseThrow().nameRange());
        List<Block> nested = new ArrayList<>();
        Lifecycle lifecycle = Lifecycle.DEFAULT;
        boolean seenLifecycle = false;
        for (Block nb : b.body().blocks()) {
            if (!nb.type().equals("lifecycle")) {
                nested.add(nb);
            } else if (seenLifecycle) {
                d.error("Duplicate lifecycle block", "a resource has at most one lifecycle block.", nb.typeRange());
            } else {
                seenLifecycle = true;
                lifecycle = LifecycleReader.read(nb, d);
            }
        }
        RepetitionScope.check(b, count.isPresent(), forEach.isPresent(), d);
        return Optional.of(new ResourceDecl(type, name, attrs, nested, dependsOn, count, forEach, lifecycle,
                b.labelRanges().get(0), b.range()));
    }

    private static void dependsOn(Attribute a, List<Traversal> out, Diagnostics d) {
        if (a.expression() instanceof Expression.Tuple t) {
            for (Expression item : t.items()) {
                if (item instanceof Expression.ScopeTraversal st && st.traversal().steps().size() == 2) out.add(st.traversal());
                else d.error("Invalid depends_on entry", "each entry names a resource of this module: <type>.<name>.", item.range());
            }
        } else {
            d.error("Invalid depends_on", "depends_on is a list of resources of this module, e.g. [random_password.db].", a.expression().range());
        }
    }

    private Optional<OutputDecl> output(Block b, Diagnostics d) {
        Expression value = null;
        String description = "";
        boolean sensitive = false;
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "value" -> value = a.expression();
                case "description" -> description = staticString(a, d);
                case "sensitive" -> sensitive = staticBool(a);
                default -> d.error("Unsupported argument \"" + a.name() + "\"", "an output block takes: "
                        + String.join(", ", OUTPUT_FIELDS) + "." + Suggestions.didYouMean(a.name(), OUTPUT_FIELDS), a.nameRange());
            }
        }
        if (value == null) {
            d.error("Missing value for output \"" + b.labels().get(0) + "\"", "set value = <expression>.", b.typeRange());
            return Optional.empty();
        }
        return Optional.of(new OutputDecl(b.labels().get(0), value, description, sensitive, b.range()));
    }

    /** {@code connection_secret { host = ..., password = ... }}: one attribute per key of the Secret, no nested blocks. */
    private Optional<ConnectionSecretDecl> connectionSecret(Block b, Diagnostics d) {
        for (Block nb : b.body().blocks())
            d.error("Unsupported block type \"" + nb.type() + "\"", "a connection_secret block holds only keys: host = ..., password = ....",
                    nb.typeRange());
        if (b.body().attributes().isEmpty()) {
            d.error("Empty connection_secret block", "a connection_secret lists the keys of the Secret, e.g. host = aws_db_instance.this.address.",
                    b.typeRange());
            return Optional.empty();
        }
        return Optional.of(new ConnectionSecretDecl(b.body().attributes(), b.range()));
    }

    /**
     * Each connection_secret value may read inputs, the request's own fields and the module's resources, like an
     * output; any other name is an error at its position (it would otherwise surface only when a request asks for the
     * Secret). A module's own {@code kubernetes_secret.connection_secret} would collide with the Secret's address.
     */
    private static void checkConnectionSecret(ConnectionSecretDecl cs, List<InputDecl> inputs, List<ResourceDecl> resources, Diagnostics d) {
        List<String> inputNames = inputs.stream().map(InputDecl::name).toList();
        List<String> resourceNames = resources.stream().map(ResourceDecl::local).toList();
        for (Attribute key : cs.keys()) {
            for (Traversal t : Evaluator.references(key.expression())) {
                String root = t.rootName(), attr = t.attrName(1);
                if (root.equals("input")) {
                    if (!inputNames.contains(attr))
                        d.error("Reference to undeclared input", "connection_secret." + key.name() + " reads input." + attr
                                + ", but the module declares no input \"" + attr + "\"." + Suggestions.didYouMean(attr, inputNames), t.range());
                } else if (root.equals("request")) {
                    if (!RequestConfig.ATTRIBUTES.contains(attr))
                        d.error("Unsupported request attribute", "connection_secret." + key.name() + " reads request." + attr
                                + "; a connection_secret can read request." + String.join(", request.", RequestConfig.ATTRIBUTES)
                                + " (another request's outputs only from a resource)." + Suggestions.didYouMean(attr, RequestConfig.ATTRIBUTES), t.range());
                } else if (resources.stream().noneMatch(r -> r.type().equals(root) && r.name().equals(attr))) {
                    d.error("Reference to undeclared resource", "connection_secret." + key.name() + " reads " + t + ", but the module"
                            + " declares no resource " + root + "." + attr + "." + Suggestions.didYouMean(root + "." + attr, resourceNames)
                            + " It can read input.<name>, request.<field> and <type>.<name>.<attribute>.", t.range());
                }
            }
        }
        resources.stream().filter(r -> r.local().equals(ConnectionSecretDecl.local())).findFirst().ifPresent(r ->
                d.error("Reserved resource name " + ConnectionSecretDecl.local(), "a module with a connection_secret block cannot declare "
                        + ConnectionSecretDecl.local() + ": that is the address of the Secret a request's writeConnectionSecretToRef"
                        + " adds. Rename this resource.", r.typeRange()));
    }

    private String staticString(Attribute a, Diagnostics d) {
        Value v = Evaluator.evaluate(a.expression(), staticCtx, d);
        if (v instanceof StringValue s) return s.value();
        if (!v.isNull() && v.isWhollyKnown())
            d.error("Invalid value for \"" + a.name() + "\"", "expected a string, got " + v.typeName() + ".", a.expression().range());
        return "";
    }

    private boolean staticBool(Attribute a) {
        Value v = Evaluator.evaluate(a.expression(), staticCtx, diags);
        if (v instanceof BoolValue b) return b.value();
        diags.error("Invalid value for \"" + a.name() + "\"", "expected true or false, got " + v.typeName() + ".", a.expression().range());
        return false;
    }
}
