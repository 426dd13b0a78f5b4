package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * aws_db_instance and aws_dynamodb_table waiting through the states moto skips (its instances are available, its tables
 * gone, at once): moto does the work, a proxy in front of it answers the status polls with the states a real
 * instance or table passes through, and the waiting runs on a clock only its pauses move.
 */
@ExtendWith(AwsBackend.class)
class ResourceWaitsTest {
    static final String DB_KEY = "shop.aws_db_instance.db";
    static final String TABLE_KEY = "shop.aws_dynamodb_table.orders";

    final StatusWaiterTest.FakeTime time = new StatusWaiterTest.FakeTime();
    CountingProxy proxy;
    AwsClients clients;
    DbInstanceType dbs;
    DynamoDbTableType tables;

    @BeforeEach
    void setUp(@AwsBackend.MotoOnly("RDS is not in LocalStack's free image") AwsBackend.Emulator moto) throws IOException {
        proxy = new CountingProxy(moto.endpoint());
        clients = new AwsClients(Map.of());
        Diagnostics d = new Diagnostics();
        clients.configure(AwsSettings.parse(obj("region", AwsTesting.REGION, "endpoint", proxy.endpoint(),
                "access_key", "testing", "secret_key", "testing"), d));
        assertFalse(d.hasErrors(), d::toString);
        StatusWaiter waiter = new StatusWaiter(time, time::sleep, Duration.ofSeconds(5), Duration.ofSeconds(30));
        dbs = new DbInstanceType(clients, waiter);
        tables = new DynamoDbTableType(clients, waiter);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        proxy.close();
    }

    static ObjectValue db(Object... extra) {
        ObjectValue c = obj("identifier", "shop-db", "engine", "postgres", "engine_version", "16.3", "instance_class", "db.t3.micro",
                "allocated_storage", 20, "username", "app", "password", "s3cret-Pa55word", "skip_final_snapshot", true);
        for (var e : obj(extra).attributes().entrySet()) c = c.with(e.getKey(), e.getValue());
        return c;
    }

    /** DescribeDBInstances answers with these statuses in turn instead of moto's "available", then with moto's own. */
    void rdsSays(String... statuses) {
        Deque<String> next = new ArrayDeque<>(List.of(statuses));
        proxy.rewrite("DescribeDBInstances", a -> {
            String s;
            synchronized (next) {
                s = next.poll();
            }
            return s == null ? a : new CountingProxy.Answer(a.status(), a.body()
                    .replace("<DBInstanceStatus>available</DBInstanceStatus>", "<DBInstanceStatus>" + s + "</DBInstanceStatus>"));
        });
    }

    /** DescribeTable answers "DELETING" this many times (-1: always) instead of moto's "not found". */
    void tableStillDeleting(int times) {
        int[] left = {times};
        proxy.rewrite("DescribeTable", a -> {
            synchronized (left) {
                if (left[0] == 0) return a;
                if (left[0] > 0) left[0]--;
            }
            return new CountingProxy.Answer(200, "{\"Table\":{\"TableName\":\"shop-orders\",\"TableStatus\":\"DELETING\","
                    + "\"TableArn\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/shop-orders\"}}");
        });
    }

    @Test
    void createWaitsWhileTheInstanceIsCreatingAndBackingUp() {
        rdsSays("creating", "creating", "backing-up");
        ObjectValue state = AwsTesting.create(dbs, db(), DB_KEY);
        assertEquals(Value.of("available"), state.getOrNull("status"));
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMillis(7500), Duration.ofMillis(11250)), time.pauses,
                "one growing pause after each status that is not yet available");
        assertEquals(5, proxy.calls("DescribeDBInstances"), "four polls, then the read of the instance made");
    }

    @Test
    void createThatOutlastsItsTimeoutNamesTheAddressAndTheLastStatus() {
        rdsSays("creating", "creating", "creating", "creating", "creating", "creating", "creating", "creating");
        ObjectValue planned = dbs.plan(Optional.empty(), db("timeouts", Map.of("create", "1m"))).planned();
        ProviderException e = assertThrows(ProviderException.class, () -> dbs.create(planned, DB_KEY));
        assertEquals("cannot create aws_db_instance shop-db: timed out after 1m waiting for status \"available\";"
                + " the last status was \"creating\"; RDS may still finish: run platctl plan to see where it is, or allow longer"
                + " with timeouts { create = \"...\" }", e.getMessage());
        assertEquals("cannot create aws_db_instance shop.aws_db_instance.db (shop-db): timed out after 1m waiting for status"
                + " \"available\"; the last status was \"creating\"; RDS may still finish: run platctl plan to see where it is, or"
                + " allow longer with timeouts { create = \"...\" }", ProviderException.told("create", "aws_db_instance " + DB_KEY, e),
                "as the engine tells it: the address, then the instance made");
        assertEquals(Duration.ofMinutes(1), time.pauses.stream().reduce(Duration.ZERO, Duration::plus), "it waited the timeout, no more");
    }

    @Test
    void createStopsAtOnceWhenTheInstanceCannotBecomeAvailable() {
        rdsSays("creating", "incompatible-network");
        ProviderException e = assertThrows(ProviderException.class,
                () -> dbs.create(dbs.plan(Optional.empty(), db()).planned(), DB_KEY));
        assertEquals("cannot create aws_db_instance shop-db: the status became \"incompatible-network\" while"
                + " waiting for \"available\"; see the RDS events of the instance for why", e.getMessage());
        assertEquals(List.of(Duration.ofSeconds(5)), time.pauses);
    }

    @Test
    void updateWaitsWhileTheInstanceIsModifying() {
        ObjectValue state = AwsTesting.create(dbs, db(), DB_KEY);
        assertEquals(List.of(), time.pauses, "moto's instance is available at once");
        rdsSays("available", "modifying", "modifying");
        ObjectValue bigger = AwsTesting.update(dbs, state, db("instance_class", "db.t3.small"));
        assertEquals(Value.of("db.t3.small"), bigger.getOrNull("instance_class"));
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMillis(7500)), time.pauses,
                "the read before the change is available, then two polls see it modifying");
    }

    @Test
    void tableDeleteWaitsUntilTheTableIsGone() {
        ObjectValue state = AwsTesting.create(tables, obj("name", "shop-orders", "hash_key", "id"), TABLE_KEY);
        tableStillDeleting(2);
        tables.delete(state);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMillis(7500)), time.pauses);
        assertEquals(Optional.empty(), tables.read(state));
    }

    @Test
    void tableDeleteThatOutlastsItsTimeoutSaysItWaitedForTheTableToBeDeleted() {
        ObjectValue state = AwsTesting.create(tables, obj("name", "shop-orders", "hash_key", "id", "timeouts", Map.of("delete", "2m")),
                TABLE_KEY);
        tableStillDeleting(-1);
        ProviderException e = assertThrows(ProviderException.class, () -> tables.delete(state));
        assertEquals("cannot delete aws_dynamodb_table shop-orders: timed out after 2m waiting for the table to be deleted; the last"
                + " status was \"table DELETING\"; DynamoDB may still finish: run platctl plan to see whether the table is gone, or"
                + " allow longer with timeouts { delete = \"...\" }", e.getMessage());
        assertEquals(Duration.ofMinutes(2), time.pauses.stream().reduce(Duration.ZERO, Duration::plus));
    }
}
