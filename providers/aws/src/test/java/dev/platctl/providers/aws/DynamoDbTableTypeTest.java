package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aws_dynamodb_table against the AWS test backend (moto or LocalStack, see AwsBackend). */
@ExtendWith(AwsBackend.class)
class DynamoDbTableTypeTest {
    static final String KEY = "orders.aws_dynamodb_table.orders";

    AwsProvider provider;
    ResourceType tables;
    DynamoDbClient ddb;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        provider = AwsTesting.provider(emulator, Map.of("team", "orders"));
        tables = AwsTesting.type(provider, DynamoDbTableType.TYPE);
        ddb = AwsTesting.dynamoDb(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        ddb.close();
    }

    @Test
    void fullLifecycle() {
        ObjectValue config = obj("name", "orders", "hash_key", "order_id", "range_key", "created_at", "range_key_type", "N");
        ObjectValue state = AwsTesting.create(tables, config, KEY);
        assertTrue(Attrs.string(state, "arn").orElseThrow().endsWith(":table/orders"));
        assertEquals(Optional.of(state), tables.read(state));
        assertNoChange(tables, state, config);

        ObjectValue updated = config.with("billing_mode", Value.of("PROVISIONED")).with("read_capacity", Value.of(5))
                .with("write_capacity", Value.of(2)).with("point_in_time_recovery", Value.TRUE)
                .with("deletion_protection_enabled", Value.TRUE).with("tags", obj("env", "prod"));
        state = AwsTesting.update(tables, state, updated);
        var t = ddb.describeTable(b -> b.tableName("orders")).table();
        assertEquals(5L, t.provisionedThroughput().readCapacityUnits());
        assertTrue(t.deletionProtectionEnabled());
        assertEquals(Optional.of(state), tables.read(state));
        assertNoChange(tables, state, updated);

        ObjectValue protectedState = state;
        ProviderException refused = assertThrows(ProviderException.class, () -> tables.delete(protectedState));
        assertTrue(refused.getMessage().startsWith("cannot delete aws_dynamodb_table orders: "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("; set deletion_protection_enabled = false, apply, then destroy again"),
                refused.getMessage());
        ObjectValue unprotected = updated.with("deletion_protection_enabled", Value.FALSE);
        state = AwsTesting.update(tables, state, unprotected);

        ObjectValue rekeyed = unprotected.with("range_key", Value.NULL).with("range_key_type", Value.NULL);
        assertEquals(Set.of(AttributePath.of("range_key"), AttributePath.of("range_key_type")),
                tables.plan(Optional.of(state), rekeyed).requiresReplace());
        tables.delete(state);
        assertEquals(Optional.empty(), tables.read(state));
        state = AwsTesting.create(tables, rekeyed, KEY);

        ddb.updateTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST));
        String arn = Attrs.string(state, "arn").orElseThrow();
        ddb.tagResource(b -> b.resourceArn(arn)
                .tags(tg -> tg.key("owner").value("someone")));
        ObjectValue drifted = tables.read(state).orElseThrow();
        assertEquals(Value.of("PAY_PER_REQUEST"), drifted.getOrNull("billing_mode"));
        assertEquals("someone", tagsAll(drifted).get("owner"));
        assertEquals(state, AwsTesting.update(tables, drifted, rekeyed));
        assertEquals(Optional.of(state), tables.read(state));

        ObjectValue imported = tables.importState("orders").orElseThrow();
        assertNoChange(tables, imported, rekeyed);
        assertEquals(Optional.of(state), tables.lookup(KEY, rekeyed));
        assertEquals(Optional.empty(), tables.lookup("other.aws_dynamodb_table.orders", rekeyed));
        tables.delete(imported);
        assertEquals(Optional.empty(), tables.read(imported));
        assertEquals(Optional.empty(), tables.lookup(KEY, rekeyed));
    }

    static ObjectValue index(String name, String hash, Object... more) {
        ObjectValue o = obj("name", name, "hash_key", hash);
        ObjectValue extra = obj(more);
        for (var e : extra.attributes().entrySet()) o = o.with(e.getKey(), e.getValue());
        return o;
    }

    @Test
    void indexesAndTtlLiveThroughUpdatesDriftAndImport() {
        ObjectValue config = obj("name", "orders", "hash_key", "order_id",
                "global_secondary_index", List.of(index("by_customer", "customer_id", "range_key", "created_at", "range_key_type", "N")),
                "ttl", obj("attribute_name", "expires_at"));
        ObjectValue state = AwsTesting.create(tables, config, KEY);
        var described = ddb.describeTable(b -> b.tableName("orders")).table();
        assertEquals(List.of("by_customer"), described.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
        assertEquals("ENABLED", ddb.describeTimeToLive(b -> b.tableName("orders")).timeToLiveDescription().timeToLiveStatusAsString());
        assertEquals(List.of(obj("name", "by_customer", "hash_key", "customer_id", "hash_key_type", "S", "range_key", "created_at",
                        "range_key_type", "N", "projection_type", "ALL", "non_key_attributes", List.of(), "read_capacity", null,
                        "write_capacity", null)), ((ListValue) state.getOrNull("global_secondary_index")).items(),
                "the index in its canonical form, every field present");
        assertEquals(obj("attribute_name", "expires_at", "enabled", true), state.getOrNull("ttl"));
        assertEquals(Optional.of(state), tables.read(state));
        assertNoChange(tables, state, config);

        ObjectValue provisioned = config.with("billing_mode", Value.of("PROVISIONED")).with("read_capacity", Value.of(5))
                .with("write_capacity", Value.of(5)).with("global_secondary_index", Value.list(List.of(
                        index("by_status", "status", "projection_type", "INCLUDE", "non_key_attributes", List.of("total", "customer_id"),
                                "read_capacity", 2, "write_capacity", 1),
                        index("by_customer", "customer_id", "range_key", "created_at", "range_key_type", "N",
                                "read_capacity", 3, "write_capacity", 1))));
        state = AwsTesting.update(tables, state, provisioned);
        described = ddb.describeTable(b -> b.tableName("orders")).table();
        assertEquals(List.of("by_customer", "by_status"), described.globalSecondaryIndexes().stream().map(i -> i.indexName()).sorted().toList(),
                "the new index was added in place");
        assertEquals(3L, described.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals("by_customer")).findFirst()
                .orElseThrow().provisionedThroughput().readCapacityUnits(), "the kept index got its capacity with the switch to PROVISIONED");
        assertEquals(Optional.of(state), tables.read(state));
        assertNoChange(tables, state, provisioned);

        ObjectValue reshaped = provisioned.with("global_secondary_index", Value.list(List.of(
                index("by_status", "status", "projection_type", "KEYS_ONLY", "read_capacity", 4, "write_capacity", 1))))
                .with("ttl", obj("attribute_name", "purge_at"));
        state = AwsTesting.update(tables, state, reshaped);
        described = ddb.describeTable(b -> b.tableName("orders")).table();
        assertEquals(List.of("by_status"), described.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList(), "by_customer removed");
        assertEquals("KEYS_ONLY", described.globalSecondaryIndexes().get(0).projection().projectionTypeAsString(),
                "a new projection deletes and creates the index again");
        assertEquals("purge_at", ddb.describeTimeToLive(b -> b.tableName("orders")).timeToLiveDescription().attributeName());
        assertEquals(Optional.of(state), tables.read(state));
        assertNoChange(tables, state, reshaped);
        assertEquals(Set.of(AttributePath.of("hash_key")), tables.plan(Optional.of(state), reshaped.with("hash_key", Value.of("id")))
                .requiresReplace(), "a new key schema replaces the table, new indexes do not");

        ddb.updateTable(b -> b.tableName("orders").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("by_status"))));
        ddb.updateTimeToLive(b -> b.tableName("orders").timeToLiveSpecification(t -> t.attributeName("purge_at").enabled(false)));
        ObjectValue drifted = tables.read(state).orElseThrow();
        assertEquals(ListValue.EMPTY, drifted.getOrNull("global_secondary_index"), "the index deleted outside platctl is drift");
        assertEquals(Value.NULL, drifted.getOrNull("ttl"));
        assertEquals(state, AwsTesting.update(tables, drifted, reshaped));
        assertEquals(Optional.of(state), tables.read(state), "the index and the TTL were put back");

        ObjectValue imported = tables.importState("orders").orElseThrow();
        assertNoChange(tables, imported, reshaped);
        tables.delete(imported);
        assertEquals(Optional.empty(), tables.read(imported));
    }

    @Test
    void indexChangesAreOneCreateOrDeletePerCallDeletesFirst() {
        var keep = new DynamoDbIndexes.Index("keep", "a", "S", null, null, "ALL", List.of(), 1L, 1L);
        var gone = new DynamoDbIndexes.Index("gone", "b", "S", null, null, "ALL", List.of(), 1L, 1L);
        var reshaped = new DynamoDbIndexes.Index("shape", "c", "S", null, null, "ALL", List.of(), 1L, 1L);
        var added = new DynamoDbIndexes.Index("added", "d", "N", null, null, "KEYS_ONLY", List.of(), 1L, 1L);
        DynamoDbIndexes.Steps steps = DynamoDbIndexes.steps("t", Map.of("id", "S"), List.of(gone, keep, reshaped),
                List.of(added, keep.withCapacity(2L, 2L), new DynamoDbIndexes.Index("shape", "c", "S", "e", "S", "ALL", List.of(), 1L, 1L)),
                false);
        List<String> calls = steps.all().stream().map(r -> {
            assertEquals(1, r.globalSecondaryIndexUpdates().size(), "one index change per UpdateTable call");
            var u = r.globalSecondaryIndexUpdates().get(0);
            return u.delete() != null ? "delete " + u.delete().indexName()
                    : u.create() != null ? "create " + u.create().indexName() : "update " + u.update().indexName();
        }).toList();
        assertEquals(List.of("delete gone", "delete shape", "create added", "create shape", "update keep"), calls);
        assertEquals(List.of("a", "d", "id"), steps.createsAndUpdates().get(0).attributeDefinitions().stream()
                .map(d -> d.attributeName()).toList(), "a create defines the keys of every index in use after it");
    }

    @Test
    void planNamesTheIndexAndTtlFieldAtFault() {
        PlanResult p = tables.plan(Optional.empty(), obj("name", "t", "hash_key", "id", "hash_key_type", "N",
                "global_secondary_index", List.of(index("by_x", "x", "projection_type", "INCLUDE"), index("by_x", "id", "read_capacity", 1)),
                "ttl", obj("enabled", true)));
        assertEquals(List.of("aws_dynamodb_table.global_secondary_index[0].non_key_attributes must name at least one attribute for"
                        + " projection_type INCLUDE.",
                "aws_dynamodb_table.global_secondary_index[1].name \"by_x\" is used by another index of the table.",
                "aws_dynamodb_table.global_secondary_index[1] sets read_capacity or write_capacity, which only billing_mode ="
                        + " \"PROVISIONED\" uses.",
                "aws_dynamodb_table.ttl.attribute_name is required: the attribute holding each item's expiry time in epoch seconds."),
                p.diagnostics().errors().stream().map(d -> d.detail()).toList());
        PlanResult types = tables.plan(Optional.empty(), obj("name", "t", "hash_key", "id", "hash_key_type", "N",
                "global_secondary_index", index("by_id", "id")));
        assertEquals(List.of("aws_dynamodb_table.global_secondary_index \"by_id\" types attribute \"id\" S but the table's key"
                + " types it N; an attribute has one type."), types.diagnostics().errors().stream().map(d -> d.detail()).toList());
    }

    @Test
    void planChecksKeyTypesAndCapacity() {
        PlanResult p = tables.plan(Optional.empty(), obj("name", "t", "hash_key", "id", "hash_key_type", "X",
                "billing_mode", "PROVISIONED"));
        assertEquals(List.of("Invalid value for \"hash_key_type\"", "Invalid capacity"),
                p.diagnostics().errors().stream().map(d -> d.summary()).toList());
    }
}
