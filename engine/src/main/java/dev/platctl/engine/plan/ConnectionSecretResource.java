package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ConnectionSecretDecl;
import dev.platctl.engine.config.ConnectionSecretRef;
import dev.platctl.engine.config.Lifecycle;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.graph.Dag;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kubernetes_secret.connection_secret} a request's writeConnectionSecretToRef adds to its module's
 * resources: named and placed as the request says, its {@code data} the module's connection_secret keys, each
 * value turned into a string as a template would ({@code "${value}"}), so a port number becomes "5432" and a
 * list is an error at the key's line. The Secret type's {@code data} is sensitive, so no value is ever shown.
 */
final class ConnectionSecretResource {
    private ConnectionSecretResource() {
    }

    /** The module's resource blocks for {@code r}, plus the connection secret when the request asks for one. */
    static List<ResourceDecl> blocks(RequestConfig r, ModuleConfig m) {
        Optional<ResourceDecl> secret = of(r, m);
        if (secret.isEmpty()) return m.resources();
        List<ResourceDecl> out = new ArrayList<>(m.resources());
        out.add(secret.get());
        return out;
    }

    /** Empty when the request asks for no Secret, or asks for one the validator already refused. */
    static Optional<ResourceDecl> of(RequestConfig r, ModuleConfig m) {
        if (r.connectionSecretRef().isEmpty() || m.connectionSecret().isEmpty()) return Optional.empty();
        ConnectionSecretRef ref = r.connectionSecretRef().get();
        ConnectionSecretDecl cs = m.connectionSecret().get();
        Optional<String> namespace = namespace(r);
        if (ref.name().isEmpty() || namespace.isEmpty()) return Optional.empty();
        List<Expression.ObjectCons.Item> data = new ArrayList<>();
        for (Attribute key : cs.keys()) {
            Expression value = key.expression();
            data.add(new Expression.ObjectCons.Item(new Expression.Literal(new StringValue(key.name()), key.nameRange()),
                    new Expression.Template(List.of(value), value.range())));
        }
        SourceRange namespaceAt = ref.namespace().isPresent() ? ref.namespaceRange() : ref.range();
        List<Attribute> attributes = List.of(
                literal("name", ref.name().get(), ref.nameRange()),
                literal("namespace", namespace.get(), namespaceAt),
                new Attribute("data", new Expression.ObjectCons(data, cs.range()), cs.range(), cs.range()));
        return Optional.of(new ResourceDecl(ConnectionSecretDecl.RESOURCE_TYPE, ConnectionSecretDecl.RESOURCE_NAME, attributes,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Lifecycle.DEFAULT, ref.range(), ref.range()));
    }

    /**
     * Orders each connection secret after the {@code kubernetes_namespace} of the workspace that creates its
     * namespace (one whose name is known before apply), so that the Secret is written once the namespace exists
     * and deleted before it. Returns the secrets with those dependencies added; they are added to {@code graph} too.
     */
    static Map<ResourceAddress, DesiredResource> orderAfterNamespaces(Map<ResourceAddress, DesiredResource> resources,
                                                                      Dag.Builder<ResourceAddress> graph) {
        List<DesiredResource> secrets = resources.values().stream()
                .filter(d -> d.address().type().equals(ConnectionSecretDecl.RESOURCE_TYPE)
                        && d.address().name().equals(ConnectionSecretDecl.RESOURCE_NAME) && d.request().connectionSecretRef().isPresent())
                .toList();
        if (secrets.isEmpty()) return Map.of();
        Map<String, List<ResourceAddress>> namespaces = new HashMap<>();
        ResourceEvaluator evaluator = new ResourceEvaluator();
        for (DesiredResource d : resources.values()) {
            if (!d.address().type().equals(ConnectionSecretDecl.NAMESPACE_TYPE)) continue;
            Value name = evaluator.evaluate(d, a -> Optional.empty(), new Diagnostics()).getOrNull("name").unmarked();
            if (name instanceof StringValue s) namespaces.computeIfAbsent(s.value(), k -> new ArrayList<>()).add(d.address());
        }
        Map<ResourceAddress, DesiredResource> out = new HashMap<>();
        for (DesiredResource secret : secrets) {
            List<ResourceAddress> made = namespace(secret.request()).map(n -> namespaces.getOrDefault(n, List.of())).orElse(List.of());
            if (made.isEmpty()) continue;
            List<ResourceAddress> deps = new ArrayList<>(secret.dependencies());
            for (ResourceAddress a : made) {
                if (deps.contains(a)) continue;
                deps.add(a);
                graph.addDependency(secret.address(), a);
            }
            out.put(secret.address(), new DesiredResource(secret.stack(), secret.address(), secret.request(), secret.module(),
                    secret.decl(), deps, secret.scope(), secret.siblings(), secret.referencedRequests()));
        }
        return out;
    }

    /** The Secret's namespace: the ref's, else the request's metadata.namespace. */
    private static Optional<String> namespace(RequestConfig r) {
        return r.connectionSecretRef().flatMap(ref -> ref.namespace().or(r::namespace));
    }

    private static Attribute literal(String name, String value, SourceRange at) {
        return new Attribute(name, new Expression.Literal(new StringValue(value), at), at, at);
    }
}
