package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Attribute;

import java.util.List;

/**
 * A module's {@code connection_secret} block: the keys (host, port, password, ...) a request can have written
 * into a Kubernetes Secret with {@code spec.writeConnectionSecretToRef}, each an expression evaluated like an
 * output; every value is sensitive.
 */
public record ConnectionSecretDecl(List<Attribute> keys, SourceRange range) {
    /** The type and block name of the Secret a request's writeConnectionSecretToRef adds to its resources. */
    public static final String RESOURCE_TYPE = "kubernetes_secret";
    public static final String RESOURCE_NAME = "connection_secret";
    /** A namespace the workspace creates with this type is made before the Secrets written into it. */
    public static final String NAMESPACE_TYPE = "kubernetes_namespace";

    public ConnectionSecretDecl {
        keys = List.copyOf(keys);
    }

    /** {@code kubernetes_secret.connection_secret} */
    public static String local() {
        return RESOURCE_TYPE + "." + RESOURCE_NAME;
    }
}
