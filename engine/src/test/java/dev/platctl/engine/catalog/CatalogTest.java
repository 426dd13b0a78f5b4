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
        return workspace("");
    }

    /** The workspace with {@code more} request documents (each starting with ---) after the three it always has. */
    Configuration workspace(String more) throws IOException {
        Files.writeString(ws.resolve("platctl.hcl"), "workspace {\n  modules = \"modules\"\n  requests = \"requests\"\n}\n");
        for (String[] m : List.of(new String[]{"service", "Service"}, new String[]{"app-data", "AppData"}, new String[]{"cache", "Cache"},
                new String[]{"team-namespace", "TeamNamespace"})) {
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
                """ + more);
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

        assertEquals(List.of("orders-api", "orders-api.assets", "orders-api.jobs", "orders-cache", "orders-data.exports", "orders-data.primary"),
                c.entries().stream().map(CatalogEntry::name).toList(), "one entity per database, bucket and queue; a lone one is named after its request");
        CatalogEntry api = c.find("orders-api").orElseThrow();
        assertEquals(CatalogEntry.COMPONENT, api.kind());
        assertEquals(List.of("orders-data.primary", "orders-data.exports", "orders-cache", "orders-api.assets", "orders-api.jobs"), api.dependsOn(),
                "spec.dependsOn (every entity of that request), state references, then its own resources");
        assertEquals("https://github.com/acme/orders-api/blob/trunk/docs/runbook.md", api.links().get("runbook"), "the repository's default branch");
        CatalogEntry jobs = c.find("orders-api.jobs").orElseThrow();
        assertEquals(List.of("queue", "orders-api", Optional.of("orders-api.aws_sqs_queue.jobs"), List.of("orders-cache")),
                List.of(jobs.type(), jobs.request(), jobs.address(), jobs.dependsOn()));
        assertEquals(List.of("orders-data.primary"), c.find("orders-data.exports").orElseThrow().dependsOn(), "a reference inside one request");
        CatalogEntry cache = c.find("orders-cache").orElseThrow();
        assertEquals(List.of(Optional.of("orders-cache.aws_sqs_queue.this"), List.of()), List.of(cache.address(), cache.dependsOn()));

        String exported = BackstageExport.yaml(api, c);
        for (String ref : List.of("- resource:default/orders-data.exports", "- resource:default/orders-data.primary", "- resource:default/orders-cache",
                "- resource:default/orders-api.assets", "- resource:default/orders-api.jobs", "owner: group:default/payments"))
            assertTrue(exported.contains(ref), ref + " in\n" + exported);
        assertTrue(BackstageExport.yaml(jobs, c).contains("platctl.dev/resource: orders-api.aws_sqs_queue.jobs"), BackstageExport.yaml(jobs, c));
    }

    static Map<ResourceAddress, ResourceState> resources(ResourceState... states) {
        Map<ResourceAddress, ResourceState> out = new LinkedHashMap<>();
        for (ResourceState r : states) out.put(r.address(), r);
        return out;
    }

    @Test
    void anEntityKeepsItsNameWhenItsRequestGainsOrLosesAResource() throws IOException {
        Configuration cfg = workspace();
        Catalog one = Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(
                state("orders-data.aws_db_instance.primary", Map.of()), state("orders-cache.aws_sqs_queue.this", Map.of())))));
        Catalog two = Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(
                state("orders-data.aws_db_instance.primary", Map.of()), state("orders-data.aws_s3_bucket.exports", Map.of()),
                state("orders-cache.aws_sqs_queue.this", Map.of()), state("orders-cache.aws_sqs_queue.dead_letter", Map.of())))));
        assertEquals(List.of("orders-cache", "orders-data.primary"), one.entries().stream().map(CatalogEntry::name).toList(),
                "a module's main resource (this) is named after the request, any other after the request and itself");
        assertEquals(List.of("orders-cache", "orders-cache.dead_letter", "orders-data.exports", "orders-data.primary"),
                two.entries().stream().map(CatalogEntry::name).toList(), "a second resource renames neither the first nor references to it");
    }

    @Test
    void aResourceNamedLikeAnotherRequestKeepsItsOwnNameAndHidesNoEntity(@TempDir Path out) throws IOException {
        Configuration cfg = workspace("""
                ---
                apiVersion: platctl.dev/v1
                kind: AppData
                metadata: {name: orders}
                spec: {module: app-data@1.0.0}
                """);
        Catalog c = Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(
                state("orders-api.github_repository.this", Map.of()), state("orders.aws_s3_bucket.api", Map.of())))));
        assertEquals(List.of("orders-api", "orders.api"), c.entries().stream().map(CatalogEntry::name).toList(),
                "a request name holds no dot, so orders.api is never the request orders-api");
        assertEquals(CatalogEntry.COMPONENT, c.find("orders-api").orElseThrow().kind());
        assertEquals(Optional.of("orders.aws_s3_bucket.api"), c.find("orders.api").orElseThrow().address());
        assertTrue(!c.warnings().toString().contains("named"), "nothing renamed: " + c.warnings());
        assertEquals(2, export(c, out), "export writes one file per entity, none over another");
    }

    /** The name of each address in a catalog of it alone. */
    private static String alone(Configuration cfg, String address) {
        Catalog c = Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(state(address, Map.of())))));
        assertEquals(1, c.entries().size(), c.entries()::toString);
        return c.entries().get(0).name();
    }

    private static Map<String, String> namesByAddress(Catalog c) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (CatalogEntry e : c.entries()) e.address().ifPresent(a -> out.put(a, e.name()));
        return out;
    }

    @Test
    void aNewKeyWhoseNameCleansToAnExistingOneRenamesNothing() throws IOException {
        Configuration cfg = workspace();
        String existing = "orders.aws_s3_bucket.data[\"a-b\"]", added = "orders.aws_s3_bucket.data[\"a b\"]";
        Map<String, String> before = namesByAddress(Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(state(existing, Map.of()))))));
        Map<String, String> after = namesByAddress(Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(
                state(existing, Map.of()), state(added, Map.of()))))));
        assertEquals("orders.data.a-b", before.get(existing));
        assertEquals(before.get(existing), after.get(existing), "\"a b\" sorts first, yet the entity that was there keeps its name");
        assertEquals("orders.data.a-b-cf13bf29", after.get(added), "the key that had to be cleaned ends with its address's hash (as the README shows)");
    }

    @Test
    void namesOfTwoRequestsNeverMeetWhateverTheirDashes() throws IOException {
        Configuration cfg = workspace();
        String one = "a.aws_s3_bucket.b-c", other = "a-b.aws_s3_bucket.c";
        Map<String, String> both = namesByAddress(Catalog.of(cfg, List.of(new StackState("x", "l", 1, resources(state(one, Map.of()))),
                new StackState("y", "l", 1, resources(state(other, Map.of()))))));
        assertEquals(Map.of(one, "a.b-c", other, "a-b.c"), both, "a request name and a resource name hold no dot, so the dot says where each ends");
        assertEquals(both.get(one), alone(cfg, one));
        assertEquals(both.get(other), alone(cfg, other));
    }

    /** Addresses whose names a sorting, cleaning or cutting scheme could tangle; each named the same alone as among them all. */
    @Test
    void everyNameDependsOnItsOwnAddressAlone() throws IOException {
        Configuration cfg = workspace();
        String longName = "k".repeat(70);
        List<String> addresses = List.of("a.aws_s3_bucket.b-c", "a-b.aws_s3_bucket.c", "a.aws_s3_bucket.b[\"c\"]", "a-b-c.aws_s3_bucket.this",
                "orders.aws_s3_bucket.data[\"a-b\"]", "orders.aws_s3_bucket.data[\"a b\"]", "orders.aws_s3_bucket.data[\"A-B\"]",
                "orders.aws_s3_bucket.data[\"a--b\"]", "orders.aws_sqs_queue.jobs[3]", "orders.aws_sqs_queue.jobs[\"3\"]",
                "orders.aws_s3_bucket.this[0]", "orders.aws_s3_bucket.Data", "orders.aws_s3_bucket.data_", "orders.aws_s3_bucket.data",
                "orders.aws_s3_bucket." + longName + "a", "orders.aws_s3_bucket." + longName + "b", "orders.aws_db_instance.this");
        Map<ResourceAddress, ResourceState> all = new LinkedHashMap<>();
        for (String a : addresses) all.put(ResourceAddress.parse(a), state(a, Map.of()));
        Map<String, String> together = namesByAddress(Catalog.of(cfg, List.of(new StackState("payments", "l", 1, all))));
        assertEquals(addresses.size(), new java.util.HashSet<>(together.values()).size(), "every name once: " + together);
        for (String a : addresses) {
            assertEquals(alone(cfg, a), together.get(a), a + " is named as when it is alone");
            assertEquals(Optional.empty(), dev.platctl.engine.entity.EntityRef.nameProblem(together.get(a)), a);
        }
        assertEquals("a-b-c", together.get("a-b-c.aws_s3_bucket.this"), "a main resource is named after its request");
        assertTrue(!together.get("orders.aws_sqs_queue.jobs[3]").equals(together.get("orders.aws_sqs_queue.jobs[\"3\"]")), together::toString);
    }

    @Test
    void resourcesOfOneNameAndTwoTypesAreNamedByTheirWholeAddressesWithAWarning() throws IOException {
        Catalog c = Catalog.of(workspace(), List.of(new StackState("payments", "l", 1, resources(
                state("orders.aws_s3_bucket.jobs", Map.of()), state("orders.aws_sqs_queue.jobs", Map.of()),
                state("orders.aws_s3_bucket.this", Map.of()), state("orders.aws_sqs_queue.this", Map.of())))));
        assertEquals(List.of("orders.aws_s3_bucket.jobs", "orders.aws_s3_bucket.this", "orders.aws_sqs_queue.jobs", "orders.aws_sqs_queue.this"),
                c.entries().stream().map(CatalogEntry::name).toList(), "the one case where a name is longer than its short form");
        assertTrue(c.warnings().toString().contains("the entities of orders.aws_s3_bucket.jobs, orders.aws_sqs_queue.jobs would all be named orders.jobs"),
                c.warnings()::toString);
    }

    @Test
    void oddAndLongResourceKeysMakeValidDistinctNames() throws IOException {
        String longKey = "k".repeat(80);
        Catalog c = Catalog.of(workspace(), List.of(new StackState("payments", "l", 1, resources(
                state("orders-data.aws_s3_bucket.exports[\"Weird Key//with spaces--\"]", Map.of()),
                state("orders-data.aws_s3_bucket.exports[\"" + longKey + "a\"]", Map.of()),
                state("orders-data.aws_s3_bucket.exports[\"" + longKey + "b\"]", Map.of()),
                state("orders-data.aws_sqs_queue.jobs[3]", Map.of())))));
        List<String> names = c.entries().stream().map(CatalogEntry::name).toList();
        assertEquals(4, names.stream().distinct().count(), names::toString);
        for (String n : names) assertEquals(Optional.empty(), dev.platctl.engine.entity.EntityRef.nameProblem(n), n);
        assertTrue(names.stream().anyMatch(n -> n.matches("orders-data\\.exports\\.weird-key-with-spaces-[0-9a-f]{8}")) && names.contains("orders-data.jobs.3"),
                names::toString);
    }

    @Test
    void aDependencyWithoutAnEntityIsLeftOutAndExportedReferencesAreFullAndValid(@TempDir Path out) throws IOException {
        workspace("""
                ---
                apiVersion: platctl.dev/v1
                kind: TeamNamespace
                metadata: {name: payments-dev}
                spec: {module: team-namespace@1.0.0}
                """);
        Path req = ws.resolve("requests/payments/all.yaml");
        Files.writeString(req, Files.readString(req).replace("dependsOn: [orders-data]", "dependsOn: [orders-data, payments-dev]"));
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        Catalog c = Catalog.of(cfg, List.of(new StackState("payments", "l", 1, resources(
                state("orders-api.github_repository.this", Map.of()), state("orders-data.aws_db_instance.primary", Map.of()),
                state("payments-dev.kubernetes_namespace.this", Map.of())))));
        assertEquals(List.of("orders-data.primary"), c.find("orders-api").orElseThrow().dependsOn(), "payments-dev has no entity");
        assertTrue(c.warnings().toString().contains("dependsOn payments-dev of orders-api left out")
                && c.warnings().toString().contains("a TeamNamespace, which has no catalog entity"), c.warnings()::toString);
        String api = BackstageExport.yaml(c.find("orders-api").orElseThrow(), c);
        assertTrue(api.contains("dependsOn:\n  - resource:default/orders-data.primary\n") && !api.contains("payments-dev"), api);
        assertEquals(2, export(c, out));
        Diagnostics valid = new Diagnostics();
        new DescriptorValidator(out).validate(List.of(out), valid);
        assertTrue(!valid.hasErrors(), valid::toString);
    }

    /** Writes the catalog as catalog export does; the number of files. */
    private static long export(Catalog c, Path out) throws IOException {
        for (CatalogEntry e : c.entries())
            Files.writeString(out.resolve(e.kind().toLowerCase() + "-" + e.name() + ".yaml"), BackstageExport.yaml(e, c));
        try (var files = Files.list(out)) {
            return files.count();
        }
    }
}
