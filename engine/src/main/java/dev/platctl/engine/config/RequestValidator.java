package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a request's parameters against its module's inputs and their rules, and its writeConnectionSecretToRef
 * against the module and the workspace; every problem is reported at once.
 */
public final class RequestValidator {
    /** A Secret's name: a DNS subdomain (RFC 1123), as the API server requires. */
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A namespace's name: a DNS label (RFC 1123). */
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final String KUBERNETES_PROVIDER = "kubernetes";

    private RequestValidator() {
    }

    public static void validate(RequestConfig r, ModuleConfig m, WorkspaceConfig ws, Diagnostics diags) {
        parameters(r, m, diags);
        r.connectionSecretRef().ifPresent(ref -> connectionSecretRef(r, ref, m, ws, diags));
    }

    /**
     * The Secret a request asks for needs a name the API server accepts, a namespace (its own or the request's
     * metadata.namespace), a module that says what goes in it, and a cluster to write it to.
     */
    private static void connectionSecretRef(RequestConfig r, ConnectionSecretRef ref, ModuleConfig m, WorkspaceConfig ws, Diagnostics diags) {
        if (ref.name().isEmpty())
            diags.error("Missing writeConnectionSecretToRef.name", "writeConnectionSecretToRef names the Kubernetes Secret to write,"
                    + " e.g. {name: payments-db-conn, namespace: payments-prod}.", ref.range());
        else if (!validName(ref.name().get(), SECRET_NAME, 253))
            diags.error("Invalid writeConnectionSecretToRef.name \"" + ref.name().get() + "\"", "a Secret's name is a DNS subdomain:"
                    + " lower-case letters, digits, - and ., starting and ending with a letter or digit, at most 253 characters.", ref.nameRange());
        Optional<String> namespace = ref.namespace().or(r::namespace);
        if (namespace.isEmpty())
            diags.error("Missing writeConnectionSecretToRef.namespace", "say which namespace the Secret goes in: set"
                    + " writeConnectionSecretToRef.namespace (or the request's metadata.namespace).", ref.range());
        else if (!validName(namespace.get(), NAMESPACE_NAME, 63))
            diags.error("Invalid namespace \"" + namespace.get() + "\" for the connection secret", "a namespace's name is a DNS label:"
                    + " lower-case letters, digits and -, starting and ending with a letter or digit, at most 63 characters.",
                    ref.namespace().isPresent() ? ref.namespaceRange() : ref.range());
        if (m.connectionSecret().isEmpty())
            diags.error("Module " + m.ref() + " has no connection_secret", "the request sets writeConnectionSecretToRef, but module "
                    + m.ref() + " does not say what a connection secret holds (it has no connection_secret block). Remove"
                    + " writeConnectionSecretToRef, or read the module's outputs instead.", ref.range());
        if (!ws.providers().containsKey(KUBERNETES_PROVIDER))
            diags.error("No kubernetes provider configured", "writeConnectionSecretToRef writes a Kubernetes Secret, but the workspace's "
                    + ConfigLoader.WORKSPACE_FILE + " has no provider \"kubernetes\" block saying which cluster to write it to.", ref.range());
    }

    private static boolean validName(String name, Pattern pattern, int maxLength) {
        return name.length() <= maxLength && pattern.matcher(name).matches();
    }

    private static void parameters(RequestConfig r, ModuleConfig m, Diagnostics diags) {
        List<String> inputNames = m.inputs().stream().map(InputDecl::name).toList();
        SourceRange paramsRange = r.parameterRanges().getOrDefault("", r.range());
        boolean typesOk = true;
        for (Map.Entry<String, Value> p : r.parameters().entrySet()) {
            SourceRange at = r.parameterRanges().getOrDefault(p.getKey(), paramsRange);
            Optional<InputDecl> in = m.input(p.getKey());
            if (in.isEmpty()) {
                diags.error("Unknown input \"" + p.getKey() + "\"", "module " + m.ref() + " has no input \"" + p.getKey() + "\"."
                        + Suggestions.didYouMean(p.getKey(), inputNames)
                        + (inputNames.isEmpty() ? " It takes no inputs." : " Its inputs are: " + String.join(", ", inputNames) + "."), at);
                continue;
            }
            if (in.get().type().convert(p.getValue()).isEmpty()) {
                typesOk = false;
                String why = in.get().type().kind() == TypeConstraint.Kind.OBJECT || in.get().type().kind() == TypeConstraint.Kind.LIST
                        || in.get().type().kind() == TypeConstraint.Kind.MAP
                        ? in.get().type().mismatch(p.getValue()).map(x -> ": " + x).orElse("") : "";
                diags.error("Invalid value for input \"" + p.getKey() + "\"", "module " + m.ref() + " expects " + p.getKey()
                        + " to be " + in.get().type() + ", got " + describe(p.getValue()) + why + ".", at);
            }
        }
        for (InputDecl in : m.inputs()) {
            if (in.required() && !r.parameters().containsKey(in.name()))
                diags.error("Missing required input \"" + in.name() + "\"", "module " + m.ref() + " requires input \""
                        + in.name() + "\" (" + in.type() + ")" + (in.description().isEmpty() ? "" : ": " + in.description().replaceAll("\\.$", ""))
                        + ". Set it under spec.parameters.", paramsRange);
        }
        InputRuleChecker.check(r, m, typesOk, diags);
    }

    private static String describe(Value v) {
        if (v.isNull()) return "null";
        if (v instanceof dev.platctl.engine.value.StringValue s) return "string \"" + s.value() + "\"";
        if (v instanceof dev.platctl.engine.value.ListValue) return "a list";
        if (v instanceof dev.platctl.engine.value.ObjectValue) return "a mapping";
        return v.typeName() + " " + v;
    }
}
