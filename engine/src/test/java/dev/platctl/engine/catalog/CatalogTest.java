package dev.platctl.engine.catalog;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog from state: a component per service and a resource per database, bucket or queue, those inside a
 * Service request included, with dependsOn from the component to each; links from the repository's default branch.
 */
class CatalogTest {
    @TempDir
    Path ws;

    Configuration workspace() throws IOException {
        Files.writeString(ws.resolve("platctl.hcl"), "workspace {\n  modules = \"modules\"\n  requests = \"requests\"\n}\n");
        for (String[] m : List.of(new String[]{"service", "Service"}, new String[]{"app-data", "AppData"}, new String[]{"cache", "Cache"})) {
            Files.createDirectories(ws.resolve("modules/" + m[0]));
            Files.writeString(ws.resolve("modules/" + m[0] + "/module.hcl"),
                    "module {\n  name = \"" + m[0] + "\"\n  version = \"1.0.0\"\n  kind = \"" + m[1] + "\"\n}\n"
                            + (m[0].equals("service") ? "input \"description\" { type = string }\ninput \"lifecycle\" { type = string }\n" : ""));
        }
        Files.createDirectories(ws.resolve("requests/payments"));
        Files.writeString(ws.resolve("requests/payments/all.yaml"), """
                apiVersion: platctl.dev/v1
                kind: Service
                metadata: {name: orders-api}
                spec:
                  module: service@1.0.0
                  dependsOn: [orders-data]
                  parameters: {description: Takes orders., lifecycle: production}
                ---
                apiVersion: platctl.dev/v1
                kind: AppData
                metadata: {name: orders-data}
                spec: {module: app-data@1.0.0}
                ---
                apiVersion: platctl.dev/v1
                kind: Cache
                metadata: {name: orders-cache}
                spec: {module: cache@1.0.0}
                """);
        Diagnostics d = new Diagnostics();
        return ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
    }

    static ResourceState state(String address, Map<String, Value> attributes, String... dependencies) {
        return new ResourceState(ResourceAddress.parse(address), ResourceStatus.CREATED, new ObjectValue(attributes),
                List.of(dependencies).stream().map(ResourceAddress::parse).toList(), address, "m@1.0.0");
    }

    @Test
    void everyDatabaseBucketAndQueueIsAResourceTheServiceDependsOn() throws IOException {
        Map<ResourceAddress, ResourceState> resources = new LinkedHashMap<>();
        for (ResourceState r : List.of(
                state("orders-api.github_repository.this", Map.of("html_url", Value.of("https://github.com/acme/orders-api"),
                        "default_branch", Value.of("trunk"))),
                state("orders-api.aws_s3_bucket.assets", Map.of()),
                state("orders-api.aws_sqs_queue.jobs", Map.of(), "orders-cache.aws_sqs_queue.this"),
                state("orders-data.aws_db_instance.primary", Map.of()),
                state("orders-data.aws_s3_bucket.exports", Map.of(), "orders-data.aws_db_instance.primary"),
                state("orders-data.random_password.master", Map.of()),
                state("orders-cache.aws_sqs_queue.this", Map.of())))
            resources.put(r.address(), r);
        Catalog c = Catalog.of(workspace(), List.of(new StackState("payments", "l", 1, resources)));

        assertEquals(List.of("orders-api", "orders-api-assets", "orders-api-jobs", "orders-cache", "orders-data-exports", "orders-data-primary"),
                c.entries().stream().map(CatalogEntry::name).toList(), "one entity per database, bucket and queue; a lone one is named after its request");
        CatalogEntry api = c.find("orders-api").orElseThrow();
        assertEquals(CatalogEntry.COMPONENT, api.kind());
        assertEquals(List.of("orders-data-primary", "orders-data-exports", "orders-cache", "orders-api-assets", "orders-api-jobs"), api.dependsOn(),
                "spec.dependsOn (every entity of that request), state references, then its own resources");
        assertEquals("https://github.com/acme/orders-api/blob/trunk/docs/runbook.md", api.links().get("runbook"), "the repository's default branch");
        CatalogEntry jobs = c.find("orders-api-jobs").orElseThrow();
        assertEquals(List.of("queue", "orders-api", Optional.of("orders-api.aws_sqs_queue.jobs"), List.of("orders-cache")),
                List.of(jobs.type(), jobs.request(), jobs.address(), jobs.dependsOn()));
        assertEquals(List.of("orders-data-primary"), c.find("orders-data-exports").orElseThrow().dependsOn(), "a reference inside one request");
        CatalogEntry cache = c.find("orders-cache").orElseThrow();
        assertEquals(List.of(Optional.of("orders-cache.aws_sqs_queue.this"), List.of()), List.of(cache.address(), cache.dependsOn()));

        String exported = BackstageExport.yaml(api, c);
        for (String ref : List.of("- resource:orders-data-exports", "- resource:orders-data-primary", "- resource:orders-cache",
                "- resource:orders-api-assets", "- resource:orders-api-jobs"))
            assertTrue(exported.contains(ref), ref + " in\n" + exported);
        assertTrue(BackstageExport.yaml(jobs, c).contains("platctl.dev/resource: orders-api.aws_sqs_queue.jobs"), BackstageExport.yaml(jobs, c));
    }
}
