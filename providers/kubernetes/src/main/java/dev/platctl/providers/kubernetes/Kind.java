package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** A kind as the API server serves it: whether its objects live in a namespace, and how to address them. */
record Kind(String apiVersion, String kind, boolean namespaced, ResourceDefinitionContext context) {
}
