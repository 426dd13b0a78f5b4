package dev.platctl.providers.aws;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The global secondary indexes of a DynamoDB table in one canonical form (sorted by name, every field present),
 * and the UpdateTable calls that turn one set into another: one index created or deleted per call, as DynamoDB
 * allows, since an index's keys and projection cannot change in place (such an index is deleted and created again).
 */
final class DynamoDbIndexes {
    private static final Set<String> KEY_TYPES = Set.of("S", "N", "B");
    private static final Set<String> PROJECTIONS = Set.of("ALL", "KEYS_ONLY", "INCLUDE");
    private static final Set<String> FIELDS = Set.of("name", "hash_key", "hash_key_type", "range_key", "range_key_type",
            "projection_type", "non_key_attributes", "read_capacity", "write_capacity");

    /** One index; {@code rangeKey}, {@code read} and {@code write} may be null. */
    record Index(String name, String hashKey, String hashType, String rangeKey, String rangeType, String projection,
                 List<String> nonKeyAttributes, Long read, Long write) {
        Index {
            nonKeyAttributes = List.copyOf(new TreeSet<>(nonKeyAttributes));
        }

        Index withCapacity(Long read, Long write) {
            return new Index(name, hashKey, hashType, rangeKey, rangeType, projection, nonKeyAttributes, read, write);
        }

        /** Whether {@code o} has the same keys and projection, so only the capacity may differ. */
        boolean sameShape(Index o) {
            return name.equals(o.name) && hashKey.equals(o.hashKey) && hashType.equals(o.hashType)
                    && Objects.equals(rangeKey, o.rangeKey) && Objects.equals(rangeType, o.rangeType)
                    && projection.equals(o.projection) && nonKeyAttributes.equals(o.nonKeyAttributes);
        }

        Value value() {
            Map<String, Value> m = new TreeMap<>();
            m.put("name", Value.of(name));
            m.put("hash_key", Value.of(hashKey));
            m.put("hash_key_type", Value.of(hashType));
            m.put("range_key", Value.of(rangeKey));
            m.put("range_key_type", Value.of(rangeType));
            m.put("projection_type", Value.of(projection));
            m.put("non_key_attributes", Value.list(nonKeyAttributes.stream().map(Value::of).toList()));
            m.put("read_capacity", read == null ? Value.NULL : Value.of(read));
            m.put("write_capacity", write == null ? Value.NULL : Value.of(write));
            return Value.object(m);
        }

        List<KeySchemaElement> keySchema() {
            List<KeySchemaElement> keys = new ArrayList<>();
            keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
            if (rangeKey != null) keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
            return keys;
        }

        Projection projectionSpec() {
            Projection.Builder b = Projection.builder().projectionType(projection);
            if (!nonKeyAttributes.isEmpty()) b.nonKeyAttributes(nonKeyAttributes);
            return b.build();
        }

        ProvisionedThroughput throughput() {
            return read == null ? null : ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
        }

        GlobalSecondaryIndex forCreateTable() {
            return GlobalSecondaryIndex.builder().indexName(name).keySchema(keySchema()).projection(projectionSpec())
                    .provisionedThroughput(throughput()).build();
        }

        /** The key attributes this index types: name to S, N or B. */
        Map<String, String> keyTypes() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(hashKey, hashType);
            if (rangeKey != null) m.put(rangeKey, rangeType);
            return m;
        }
    }

    private DynamoDbIndexes() {
    }

    /**
     * The indexes of the attribute {@code global_secondary_index} (one block is an object, several a list), or
     * problems naming the index and field at fault; {@code provisioned} says whether each needs its own capacity.
     */
    static List<Index> parse(Value value, boolean provisioned, List<String> problems) {
        Value v = value.unmarked();
        List<Index> out = new ArrayList<>();
        if (v.isNull()) return out;
        List<Value> items = v instanceof ListValue l ? l.items() : List.of(v);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "global_secondary_index" + (items.size() > 1 ? "[" + i + "]" : "");
            if (!(items.get(i) instanceof ObjectValue o)) {
                problems.add(at + " must be an index object { name, hash_key, ... }, got " + items.get(i).typeName());
                continue;
            }
            int before = problems.size();
            Set<String> unknown = new TreeSet<>(o.attributes().keySet());
            unknown.removeAll(FIELDS);
            if (!unknown.isEmpty()) problems.add(at + " has unsupported attributes " + unknown + "; an index has " + new TreeSet<>(FIELDS));
            Optional<String> name = string(o, "name", at, problems);
            Optional<String> hash = string(o, "hash_key", at, problems);
            if (name.isEmpty()) problems.add(at + ".name is required");
            else if (!names.add(name.get())) problems.add(at + ".name \"" + name.get() + "\" is used by another index of the table");
            if (hash.isEmpty()) problems.add(at + ".hash_key is required");
            Optional<String> range = string(o, "range_key", at, problems);
            String hashType = keyType(o, "hash_key_type", at, problems);
            String rangeType = range.isPresent() ? keyType(o, "range_key_type", at, problems) : null;
            if (range.isEmpty() && !o.getOrNull("range_key_type").isNull()) problems.add(at + ".range_key_type needs a range_key");
            String projection = string(o, "projection_type", at, problems).orElse("ALL");
            if (!PROJECTIONS.contains(projection))
                problems.add(at + ".projection_type must be ALL, KEYS_ONLY or INCLUDE, got \"" + projection + "\"");
            List<String> nonKey = Attrs.strings(o, "non_key_attributes", at, problems);
            if (projection.equals("INCLUDE") && nonKey.isEmpty())
                problems.add(at + ".non_key_attributes must name at least one attribute for projection_type INCLUDE");
            if (!projection.equals("INCLUDE") && !nonKey.isEmpty())
                problems.add(at + ".non_key_attributes is only for projection_type INCLUDE, not " + projection);
            Long read = capacity(o, "read_capacity", at, problems);
            Long write = capacity(o, "write_capacity", at, problems);
            if (provisioned && (read == null || write == null))
                problems.add(at + " needs read_capacity and write_capacity, as the table's billing_mode is PROVISIONED");
            if (!provisioned && (read != null || write != null))
                problems.add(at + " sets read_capacity or write_capacity, which only billing_mode = \"PROVISIONED\" uses");
            if (problems.size() == before)
                out.add(new Index(name.get(), hash.get(), hashType, range.orElse(null), rangeType, projection, nonKey, read, write));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** The canonical attribute value: the indexes sorted by name. */
    static ListValue value(List<Index> indexes) {
        return Value.list(indexes.stream().sorted((a, b) -> a.name().compareTo(b.name())).map(Index::value).toList());
    }

    /** The indexes DescribeTable reports; capacities only for a provisioned table (on-demand indexes report zero). */
    static List<Index> fromTable(List<GlobalSecondaryIndexDescription> described, Map<String, String> attributeTypes, boolean provisioned) {
        List<Index> out = new ArrayList<>();
        for (GlobalSecondaryIndexDescription d : described) {
            String hash = null;
            String range = null;
            for (KeySchemaElement k : d.keySchema()) {
                if (k.keyType() == KeyType.HASH) hash = k.attributeName();
                else range = k.attributeName();
            }
            Projection p = d.projection();
            out.add(new Index(d.indexName(), hash, attributeTypes.getOrDefault(hash, "S"), range,
                    range == null ? null : attributeTypes.getOrDefault(range, "S"),
                    p == null || p.projectionTypeAsString() == null ? "ALL" : p.projectionTypeAsString(),
                    p == null ? List.of() : p.nonKeyAttributes(),
                    provisioned && d.provisionedThroughput() != null ? d.provisionedThroughput().readCapacityUnits() : null,
                    provisioned && d.provisionedThroughput() != null ? d.provisionedThroughput().writeCapacityUnits() : null));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** The attribute definitions for the table's keys and these indexes' keys, as CreateTable and UpdateTable take them. */
    static List<AttributeDefinition> definitions(Map<String, String> tableKeys, List<Index> indexes) {
        Map<String, String> all = new TreeMap<>(tableKeys);
        indexes.forEach(i -> all.putAll(i.keyTypes()));
        return all.entrySet().stream().map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                .toList();
    }

    /** Names an attribute given two key types, by the table's keys and the indexes; empty when they agree. */
    static List<String> typeConflicts(Map<String, String> tableKeys, List<Index> indexes) {
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>(tableKeys);
        Map<String, String> by = new TreeMap<>();
        tableKeys.keySet().forEach(k -> by.put(k, "the table's key"));
        for (Index i : indexes)
            i.keyTypes().forEach((attr, type) -> {
                String had = seen.putIfAbsent(attr, type);
                if (had != null && !had.equals(type))
                    problems.add("global_secondary_index \"" + i.name() + "\" types attribute \"" + attr + "\" " + type + " but "
                            + by.get(attr) + " types it " + had + "; an attribute has one type");
                by.putIfAbsent(attr, "index \"" + i.name() + "\"");
            });
        return problems;
    }

    /** The index changes from {@code current} to {@code planned}, in the order they must be made. */
    record Steps(List<UpdateTableRequest> deletes, List<UpdateTableRequest> createsAndUpdates) {
        List<UpdateTableRequest> all() {
            List<UpdateTableRequest> out = new ArrayList<>(deletes);
            out.addAll(createsAndUpdates);
            return out;
        }
    }

    /**
     * The UpdateTable calls, one index change each: first deletes (indexes gone from the plan, or whose keys or
     * projection changed), then creates (each sending the attribute definitions of the keys in use after it), then
     * capacity updates of kept indexes, unless {@code capacitySetWithBillingMode} says the billing-mode call sets them.
     */
    static Steps steps(String table, Map<String, String> tableKeys, List<Index> current, List<Index> planned,
                       boolean capacitySetWithBillingMode) {
        Map<String, Index> want = byName(planned);
        Map<String, Index> kept = new TreeMap<>();
        List<UpdateTableRequest> deletes = new ArrayList<>();
        for (Index c : current) {
            Index p = want.get(c.name());
            if (p != null && p.sameShape(c)) {
                kept.put(c.name(), c);
                continue;
            }
            deletes.add(UpdateTableRequest.builder().tableName(table)
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(c.name())).build()).build());
        }
        List<UpdateTableRequest> later = new ArrayList<>();
        List<Index> inUse = new ArrayList<>(kept.values());
        for (Index p : planned) {
            if (kept.containsKey(p.name())) continue;
            inUse.add(p);
            later.add(UpdateTableRequest.builder().tableName(table).attributeDefinitions(definitions(tableKeys, inUse))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(p.name())
                            .keySchema(p.keySchema()).projection(p.projectionSpec()).provisionedThroughput(p.throughput())).build())
                    .build());
        }
        if (!capacitySetWithBillingMode)
            for (Index p : planned) {
                Index c = kept.get(p.name());
                if (c == null || p.read() == null || (Objects.equals(c.read(), p.read()) && Objects.equals(c.write(), p.write())))
                    continue;
                later.add(UpdateTableRequest.builder().tableName(table).globalSecondaryIndexUpdates(capacityUpdate(p)).build());
            }
        return new Steps(deletes, later);
    }

    /** The capacity updates a switch to PROVISIONED must carry for every index that stays. */
    static List<GlobalSecondaryIndexUpdate> capacityUpdates(List<Index> current, List<Index> planned) {
        Map<String, Index> had = byName(current);
        List<GlobalSecondaryIndexUpdate> out = new ArrayList<>();
        for (Index p : planned)
            if (had.containsKey(p.name()) && had.get(p.name()).sameShape(p) && p.read() != null) out.add(capacityUpdate(p));
        return out;
    }

    private static GlobalSecondaryIndexUpdate capacityUpdate(Index p) {
        return GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName(p.name()).provisionedThroughput(p.throughput())).build();
    }

    private static Map<String, Index> byName(List<Index> indexes) {
        Map<String, Index> m = new TreeMap<>();
        indexes.forEach(i -> m.put(i.name(), i));
        return m;
    }

    private static Optional<String> string(ObjectValue o, String name, String at, List<String> problems) {
        Value v = o.getOrNull(name).unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && !s.value().isEmpty()) return Optional.of(s.value());
        problems.add(at + "." + name + " must be a non-empty string, got " + (v instanceof StringValue ? "\"\"" : v.typeName()));
        return Optional.empty();
    }

    private static String keyType(ObjectValue o, String name, String at, List<String> problems) {
        String t = string(o, name, at, problems).orElse("S");
        if (!KEY_TYPES.contains(t)) problems.add(at + "." + name + " must be S, N or B, got \"" + t + "\"");
        return t;
    }

    private static Long capacity(ObjectValue o, String name, String at, List<String> problems) {
        Value v = o.getOrNull(name).unmarked();
        if (v.isNull()) return null;
        if (v instanceof NumberValue n && n.isInteger() && n.value().signum() > 0) return n.value().longValueExact();
        problems.add(at + "." + name + " must be a whole number of at least 1, got " + v);
        return null;
    }
}
