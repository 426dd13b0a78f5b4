package dev.platctl.providers.aws;

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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AwsBackend.class)
class SqsQueueTypeTest {
    static final String KEY = "orders.aws_sqs_queue.jobs";

    AwsProvider provider;
    ResourceType queues;
    SqsClient sqs;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        provider = AwsTesting.provider(emulator, Map.of("team", "orders"));
        queues = AwsTesting.type(provider, SqsQueueType.TYPE);
        sqs = AwsTesting.sqs(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        sqs.close();
    }

    @Test
    void fullLifecycleWithADeadLetterQueue() {
        ObjectValue dlq = AwsTesting.create(queues, obj("name", "jobs-dlq"), "orders.aws_sqs_queue.dlq");
        String dlqArn = Attrs.string(dlq, "arn").orElseThrow();
        assertTrue(dlqArn.endsWith(":jobs-dlq"), dlqArn);

        ObjectValue config = obj("name", "jobs", "visibility_timeout_seconds", 60, "dead_letter_target_arn", dlqArn,
                "max_receive_count", 3, "tags", Map.of("env", "dev"));
        ObjectValue state = AwsTesting.create(queues, config, KEY);
        String url = Attrs.string(state, "url").orElseThrow();
        assertEquals(url, Attrs.string(state, "id").orElseThrow());
        Map<QueueAttributeName, String> attrs = attributes(url);
        assertEquals("60", attrs.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(attrs.get(QueueAttributeName.REDRIVE_POLICY).contains(dlqArn), attrs.toString());
        assertEquals(Map.of("env", "dev", "team", "orders", Tags.ADDRESS_TAG, KEY), sqs.listQueueTags(b -> b.queueUrl(url)).tags());

        assertEquals(Optional.of(state), queues.read(state));
        assertNoChange(queues, state, config);

        ObjectValue updatedConfig = obj("name", "jobs", "visibility_timeout_seconds", 120, "message_retention_seconds", 86400,
                "tags", Map.of("env", "prod"));
        state = AwsTesting.update(queues, state, updatedConfig);
        attrs = attributes(url);
        assertEquals("120", attrs.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertEquals("86400", attrs.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
        assertTrue(attrs.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "").isEmpty(), "the redrive was removed: " + attrs);
        assertEquals(Map.of("env", "prod", "team", "orders", Tags.ADDRESS_TAG, KEY), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
        assertEquals(Optional.of(state), queues.read(state));
        assertNoChange(queues, state, updatedConfig);

        ObjectValue fifoConfig = obj("name", "jobs.fifo", "fifo_queue", true, "visibility_timeout_seconds", 120,
                "message_retention_seconds", 86400, "tags", Map.of("env", "prod"));
        PlanResult replace = queues.plan(Optional.of(state), fifoConfig);
        assertEquals(Set.of(AttributePath.of("name"), AttributePath.of("fifo_queue")), replace.requiresReplace());
        queues.delete(state);
        assertEquals(Optional.empty(), queues.read(state), "the old queue is gone");
        state = AwsTesting.create(queues, fifoConfig, KEY);
        String fifoUrl = Attrs.string(state, "url").orElseThrow();
        assertEquals("true", attributes(fifoUrl).get(QueueAttributeName.FIFO_QUEUE));

        sqs.setQueueAttributes(b -> b.queueUrl(fifoUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")));
        sqs.tagQueue(b -> b.queueUrl(fifoUrl).tags(Map.of("owner", "someone")));
        ObjectValue drifted = queues.read(state).orElseThrow();
        assertEquals(Value.of(5), drifted.getOrNull("visibility_timeout_seconds"));
        assertEquals("someone", tagsAll(drifted).get("owner"));
        assertNotEquals(state, drifted);

        ObjectValue repaired = AwsTesting.update(queues, drifted, fifoConfig);
        assertEquals("120", attributes(fifoUrl).get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertEquals(state, repaired);
        assertEquals(Optional.of(state), queues.read(repaired));

        ObjectValue imported = queues.importState(fifoUrl).orElseThrow();
        assertNoChange(queues, imported, fifoConfig);
        assertEquals(Optional.of(imported), queues.importState("jobs.fifo"), "import by name finds the same queue");

        queues.delete(imported);
        assertEquals(Optional.empty(), queues.read(imported));
        assertEquals(Optional.empty(), queues.lookup(KEY, imported));
    }

    @Test
    void lookupAdoptsOnlyAQueueCarryingItsKey() {
        ObjectValue planned = queues.plan(Optional.empty(), obj("name", "crashed")).planned();
        assertEquals(Optional.empty(), queues.lookup(KEY, planned));
        ObjectValue created = queues.create(planned, KEY);
        assertEquals(Optional.of(created), queues.lookup(KEY, planned));
        assertEquals(Optional.empty(), queues.lookup("other.aws_sqs_queue.jobs", planned));
    }

    @Test
    void creatingOverAQueueMadeOutsidePlatctlFailsInsteadOfAdoptingIt() {
        sqs.createQueue(b -> b.queueName("theirs"));
        ProviderException e = assertThrows(ProviderException.class, () -> AwsTesting.create(queues, obj("name", "theirs"), KEY));
        assertTrue(e.getMessage().startsWith("cannot create aws_sqs_queue theirs: QueueAlreadyExists: "), e.getMessage());
    }

    @Test
    void anAwsErrorKeepsItsCodeAndStatus() {
        ObjectValue state = AwsTesting.create(queues, obj("name", "bad-update"), KEY);
        ObjectValue planned = queues.plan(Optional.of(state), obj("name", "bad-update")).planned()
                .with("dead_letter_target_arn", Value.of("arn:aws:sqs:eu-west-1:123456789012:no-such-queue"))
                .with("max_receive_count", Value.of(2));
        ProviderException e = assertThrows(ProviderException.class, () -> queues.update(state, planned));
        assertTrue(e.getMessage().matches("cannot update aws_sqs_queue bad-update: [A-Za-z.]+: .+ \\(status 400\\)"), e.getMessage());
    }

    @Test
    void planChecksRangesFifoNamesAndTheRedrivePair() {
        PlanResult p = queues.plan(Optional.empty(), obj("name", "q", "fifo_queue", true, "visibility_timeout_seconds", 50000,
                "max_receive_count", 3));
        assertEquals(List.of("Invalid value for \"visibility_timeout_seconds\"", "Invalid value for \"name\"",
                "Incomplete redrive policy"), p.diagnostics().errors().stream().map(d -> d.summary()).toList());
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }
}
