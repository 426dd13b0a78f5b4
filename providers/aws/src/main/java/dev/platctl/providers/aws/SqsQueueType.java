package dev.platctl.providers.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** {@code aws_sqs_queue}: a standard or FIFO queue, optionally redriving to a dead-letter queue, with tags. */
final class SqsQueueType implements ResourceType {
    static final String TYPE = "aws_sqs_queue";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> GONE = Set.of("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
            "NonExistentQueue");

    /** The numeric attributes: schema name → SQS attribute, allowed range, default. */
    private record Setting(String attribute, QueueAttributeName sqs, int min, int max, int dflt) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("visibility_timeout_seconds", QueueAttributeName.VISIBILITY_TIMEOUT, 0, 43_200, 30),
            new Setting("message_retention_seconds", QueueAttributeName.MESSAGE_RETENTION_PERIOD, 60, 1_209_600, 345_600),
            new Setting("delay_seconds", QueueAttributeName.DELAY_SECONDS, 0, 900, 0),
            new Setting("receive_wait_time_seconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0, 20, 0));

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "An SQS queue.", List.of(
            AttributeSchema.required("name", AttributeType.STRING,
                    "The queue's name; a FIFO queue's ends in \".fifo\".").asForceNew(),
            AttributeSchema.optional("fifo_queue", AttributeType.BOOL, "A FIFO queue (default false).").asForceNew(),
            AttributeSchema.optional("visibility_timeout_seconds", AttributeType.NUMBER,
                    "Seconds a received message stays hidden, 0 to 43200 (default 30)."),
            AttributeSchema.optional("message_retention_seconds", AttributeType.NUMBER,
                    "Seconds a message is kept, 60 to 1209600 (default 345600, 4 days)."),
            AttributeSchema.optional("delay_seconds", AttributeType.NUMBER, "Seconds every message is delayed, 0 to 900 (default 0)."),
            AttributeSchema.optional("receive_wait_time_seconds", AttributeType.NUMBER,
                    "Long-polling wait of ReceiveMessage, 0 to 20 (default 0)."),
            AttributeSchema.optional("dead_letter_target_arn", AttributeType.STRING,
                    "The ARN of the dead-letter queue that messages move to after max_receive_count receives."),
            AttributeSchema.optional("max_receive_count", AttributeType.NUMBER,
                    "Receives before a message moves to the dead-letter queue, 1 to 1000; needs dead_letter_target_arn."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the queue."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The queue's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The queue's URL."),
            AttributeSchema.computed("url", AttributeType.STRING, "The queue's URL."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The queue's ARN.")));

    private static final Map<String, Value> DEFAULTS = defaults();

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    SqsQueueType(AwsClients aws) {
        this.aws = aws;
    }

    private static Map<String, Value> defaults() {
        Map<String, Value> m = new TreeMap<>();
        m.put("fifo_queue", Value.FALSE);
        for (Setting s : SETTINGS) m.put(s.attribute(), Value.of(s.dflt()));
        return m;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()));
        for (Setting s : SETTINGS) checkRange(planned, s.attribute(), s.min(), s.max(), diags);
        checkRange(planned, "max_receive_count", 1, 1000, diags);
        Optional<String> name = Attrs.string(planned, "name");
        Optional<Boolean> fifo = Attrs.bool(planned, "fifo_queue");
        if (name.isPresent() && fifo.isPresent() && name.get().endsWith(".fifo") != fifo.get())
            diags.add(Diagnostic.error("Invalid value for \"name\"", fifo.get()
                    ? TYPE + ".name must end in \".fifo\" when fifo_queue is true, got \"" + name.get() + "\"."
                    : TYPE + ".name ends in \".fifo\", which only a FIFO queue's may: set fifo_queue = true."));
        boolean target = !planned.getOrNull("dead_letter_target_arn").isNull();
        boolean count = !planned.getOrNull("max_receive_count").isNull();
        if (target != count)
            diags.add(Diagnostic.error("Incomplete redrive policy",
                    TYPE + " needs dead_letter_target_arn and max_receive_count together, or neither."));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        SqsClient sqs = aws.sqs();
        return AwsErrors.call("create", TYPE, name, () -> {
            Optional<String> existing = urlOf(sqs, name);
            if (existing.isPresent())
                throw ProviderException.of("create", TYPE, name, "QueueAlreadyExists: a queue named " + name
                        + " already exists at " + existing.get() + "; import it or choose another name", false, null);
            Map<QueueAttributeName, String> attributes = attributes(planned, Optional.empty());
            if (Attrs.bool(planned, "fifo_queue").orElse(false)) attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)
                    .tags(Tags.onCreate(planned, idempotencyKey))).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            return planned.with("url", Value.of(url)).with("id", Value.of(url)).with("arn", Value.of(arn));
        });
    }

    /**
     * Changes what differs between the queue as it is now and the plan: the engine's prior state may predate
     * drift made outside platctl, so it is read again rather than trusted.
     */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String url = Attrs.requireString(TYPE, prior, "url");
        String name = Attrs.requireString(TYPE, planned, "name");
        SqsClient sqs = aws.sqs();
        AwsErrors.run("update", TYPE, name, () -> {
            ObjectValue current = readQueue(sqs, url, prior).orElseThrow(() -> AwsErrors.vanished("update", TYPE, name,
                    "QueueDoesNotExist", "queue"));
            Map<QueueAttributeName, String> changed = attributes(planned, Optional.of(current));
            if (!changed.isEmpty()) sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(changed));
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) sqs.untagQueue(b -> b.queueUrl(url).tagKeys(removed));
            Map<String, String> tags = Tags.changed(current, planned);
            if (!tags.isEmpty()) sqs.tagQueue(b -> b.queueUrl(url).tags(tags));
        });
        return planned.with("url", prior.getOrNull("url")).with("id", prior.getOrNull("url")).with("arn", prior.getOrNull("arn"));
    }

    @Override
    public void delete(ObjectValue prior) {
        String url = Attrs.requireString(TYPE, prior, "url");
        try {
            aws.sqs().deleteQueue(b -> b.queueUrl(url));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e, GONE)) throw AwsErrors.translate("delete", TYPE, url, e);
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        return AwsErrors.call("read", TYPE, name, () -> {
            Optional<String> url = Attrs.string(state, "url").or(() -> urlOf(aws.sqs(), name));
            return url.flatMap(u -> readQueue(aws.sqs(), u, state));
        });
    }

    /** Imports by queue URL (like Terraform) or by name. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        return AwsErrors.call("import", TYPE, id, () -> {
            Optional<String> url = id.startsWith("http://") || id.startsWith("https://") ? Optional.of(id) : urlOf(aws.sqs(), id);
            String name = url.map(u -> u.substring(u.lastIndexOf('/') + 1)).orElse(id);
            return url.flatMap(u -> readQueue(aws.sqs(), u, new ObjectValue(Map.of("name", Value.of(name)))));
        });
    }

    /** Finds the queue by its name and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        SqsClient sqs = aws.sqs();
        return AwsErrors.call("look up", TYPE, name, () -> urlOf(sqs, name).flatMap(url -> {
            Map<String, String> tags = sqs.listQueueTags(b -> b.queueUrl(url)).tags();
            if (!idempotencyKey.equals(tags.get(Tags.ADDRESS_TAG))) return Optional.empty();
            return readQueue(sqs, url, planned);
        }));
    }

    private Optional<ObjectValue> readQueue(SqsClient sqs, String url, ObjectValue state) {
        Map<QueueAttributeName, String> a;
        Map<String, String> tags;
        try {
            a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
            tags = sqs.listQueueTags(b -> b.queueUrl(url)).tags();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
        ObjectValue out = state.with("fifo_queue", Value.of("true".equals(a.get(QueueAttributeName.FIFO_QUEUE))));
        for (Setting s : SETTINGS) out = out.with(s.attribute(), number(a.get(s.sqs()), s.dflt()));
        Optional<JsonNode> redrive = Optional.ofNullable(a.get(QueueAttributeName.REDRIVE_POLICY))
                .filter(p -> !p.isBlank()).map(SqsQueueType::parse);
        out = out.with("dead_letter_target_arn", Value.of(redrive.map(r -> r.path("deadLetterTargetArn").asText(null)).orElse(null)))
                .with("max_receive_count", redrive.map(r -> Value.of(r.path("maxReceiveCount").asLong())).orElse(Value.NULL));
        out = Tags.readInto(out, tags, aws.settings().defaultTags());
        return Optional.of(out.with("url", Value.of(url)).with("id", Value.of(url))
                .with("arn", Value.of(a.get(QueueAttributeName.QUEUE_ARN))));
    }

    /**
     * The SQS attributes for {@code planned}: all of them, or with a prior state only those that changed.
     * An empty RedrivePolicy removes the redrive.
     */
    private static Map<QueueAttributeName, String> attributes(ObjectValue planned, Optional<ObjectValue> prior) {
        Map<QueueAttributeName, String> out = new LinkedHashMap<>();
        Function<String, Boolean> differs = n -> prior.isEmpty()
                || !prior.get().getOrNull(n).unmarked().equals(planned.getOrNull(n).unmarked());
        for (Setting s : SETTINGS)
            if (differs.apply(s.attribute()))
                out.put(s.sqs(), String.valueOf(Attrs.integer(planned, s.attribute()).orElse(s.dflt())));
        if (differs.apply("dead_letter_target_arn") || differs.apply("max_receive_count")) {
            Optional<String> target = Attrs.string(planned, "dead_letter_target_arn");
            if (target.isPresent()) {
                ObjectNode p = JSON.createObjectNode().put("deadLetterTargetArn", target.get())
                        .put("maxReceiveCount", Attrs.integer(planned, "max_receive_count").orElse(1));
                out.put(QueueAttributeName.REDRIVE_POLICY, p.toString());
            } else if (prior.isPresent()) {
                out.put(QueueAttributeName.REDRIVE_POLICY, "");
            }
        }
        return out;
    }

    private static Optional<String> urlOf(SqsClient sqs, String name) {
        try {
            return Optional.of(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private static Value number(String text, int dflt) {
        if (text == null || text.isBlank()) return Value.of(dflt);
        return Value.of(new BigDecimal(text.trim()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw ProviderException.of("read", TYPE, null, "SQS returned a redrive policy that is not JSON: " + json, false, e);
        }
    }

    private static void checkRange(ObjectValue planned, String name, int min, int max, Diagnostics diags) {
        Value v = planned.getOrNull(name).unwrap();
        if (v.isNull() || !v.isWhollyKnown()) return;
        Optional<Integer> n = Attrs.integer(planned, name);
        if (n.isEmpty() || n.get() < min || n.get() > max)
            diags.add(Diagnostic.error("Invalid value for \"" + name + "\"",
                    TYPE + "." + name + " must be a whole number from " + min + " to " + max + ", got " + v + "."));
    }
}
