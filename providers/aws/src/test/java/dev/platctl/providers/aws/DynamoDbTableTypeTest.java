package dev.platctl.providers.aws;

import dev.platctl.engine.testing.MotoServer;
import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

import java.net.URI;
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

/** aws_dynamodb_table against moto. */
@ExtendWith(MotoServer.class)
class DynamoDbTableTypeTest {
    static final String KEY = "orders.aws_dynamodb_table.orders";

    AwsProvider provider;
    ResourceType tables;
    DynamoDbClient ddb;

    @BeforeEach
    void setUp(MotoServer.Moto moto) {
        provider = AwsTesting.provider(moto, Map.of("team", "orders"));
        tables = AwsTesting.type(provider, DynamoDbTableType.TYPE);
        ddb = DynamoDbClient.builder().region(Region.of(AwsTesting.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(URI.create(moto.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
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

    @Test
    void planChecksKeyTypesAndCapacity() {
        PlanResult p = tables.plan(Optional.empty(), obj("name", "t", "hash_key", "id", "hash_key_type", "X",
                "billing_mode", "PROVISIONED"));
        assertEquals(List.of("Invalid value for \"hash_key_type\"", "Invalid capacity"),
                p.diagnostics().errors().stream().map(d -> d.summary()).toList());
    }
}
