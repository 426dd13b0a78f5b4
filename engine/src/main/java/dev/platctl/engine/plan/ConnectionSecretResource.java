package dev.platctl.engine.plan;

import dev.platctl.engine.config.ConnectionSecretDecl;
import dev.platctl.engine.config.ConnectionSecretRef;
import dev.platctl.engine.config.Lifecycle;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.value.StringValue;

import java.util.ArrayList;
import java.util.List;
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
        Optional<String> namespace = ref.namespace().or(r::namespace);
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

    private static Attribute literal(String name, String value, SourceRange at) {
        return new Attribute(name, new Expression.Literal(new StringValue(value), at), at, at);
    }
}
