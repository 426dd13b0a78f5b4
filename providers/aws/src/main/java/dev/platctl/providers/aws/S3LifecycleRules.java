package dev.platctl.providers.aws;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Transition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lifecycle rules of a bucket in one canonical form (sorted by id, every field present), so rules written in
 * any order, and the filter S3 returns in whichever shape it stores it, compare equal.
 */
final class S3LifecycleRules {
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
            "GLACIER_IR", "DEEP_ARCHIVE");
    /** S3 keeps objects at least 30 days in the standard class before these take them. */
    private static final Set<String> THIRTY_DAYS_FIRST = Set.of("STANDARD_IA", "ONEZONE_IA");
    private static final Set<String> FIELDS = Set.of("id", "enabled", "prefix", "tags", "expiration_days",
            "noncurrent_version_expiration_days", "transition", "abort_incomplete_multipart_upload_days");
    private static final int MAX_RULES = 1000;

    /** One transition: after {@code days}, objects move to {@code storageClass}. */
    record Move(long days, String storageClass) {
    }

    /** One rule; the day counts are null when the rule does not take that action. */
    record Rule(String id, boolean enabled, String prefix, Map<String, String> tags, Long expirationDays,
                Long noncurrentExpirationDays, List<Move> transitions, Long abortUploadDays) {
        Rule {
            tags = Map.copyOf(new TreeMap<>(tags));
            transitions = transitions.stream().sorted(Comparator.comparingLong(Move::days).thenComparing(Move::storageClass)).toList();
            prefix = prefix == null || prefix.isEmpty() ? null : prefix;
        }

        Value value() {
            Map<String, Value> m = new TreeMap<>();
            m.put("id", Value.of(id));
            m.put("enabled", Value.of(enabled));
            m.put("prefix", Value.of(prefix));
            m.put("tags", Attrs.ofMap(tags));
            m.put("expiration_days", days(expirationDays));
            m.put("noncurrent_version_expiration_days", days(noncurrentExpirationDays));
            m.put("transition", Value.list(transitions.stream().map(t -> (Value) Value.object(Map.of("days", Value.of(t.days()),
                    "storage_class", Value.of(t.storageClass())))).toList()));
            m.put("abort_incomplete_multipart_upload_days", days(abortUploadDays));
            return Value.object(m);
        }

        LifecycleRule toS3() {
            LifecycleRule.Builder b = LifecycleRule.builder().id(id).status(enabled ? ExpirationStatus.ENABLED : ExpirationStatus.DISABLED)
                    .filter(filter());
            if (expirationDays != null) b.expiration(e -> e.days(expirationDays.intValue()));
            if (noncurrentExpirationDays != null) b.noncurrentVersionExpiration(e -> e.noncurrentDays(noncurrentExpirationDays.intValue()));
            if (!transitions.isEmpty())
                b.transitions(transitions.stream().map(t -> Transition.builder().days((int) t.days()).storageClass(t.storageClass()).build())
                        .toList());
            if (abortUploadDays != null) b.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(abortUploadDays.intValue()));
            return b.build();
        }

        /** A prefix alone, one tag alone, or both (or several tags) under And, as S3 requires. */
        private LifecycleRuleFilter filter() {
            List<Tag> tagList = new TreeMap<>(tags).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                    .toList();
            if (tagList.isEmpty()) return LifecycleRuleFilter.builder().prefix(prefix == null ? "" : prefix).build();
            if (tagList.size() == 1 && prefix == null) return LifecycleRuleFilter.builder().tag(tagList.get(0)).build();
            LifecycleRuleAndOperator.Builder and = LifecycleRuleAndOperator.builder().tags(tagList);
            if (prefix != null) and.prefix(prefix);
            return LifecycleRuleFilter.builder().and(and.build()).build();
        }

        private static Value days(Long d) {
            return d == null ? Value.NULL : Value.of(d);
        }
    }

    private S3LifecycleRules() {
    }

    /** The rules of attribute {@code lifecycle_rule} (one block is an object, several a list), or problems naming the rule and field. */
    static List<Rule> parse(Value value, List<String> problems) {
        Value v = value.unmarked();
        List<Rule> out = new ArrayList<>();
        if (v.isNull()) return out;
        List<Value> items = v instanceof ListValue l ? l.items() : List.of(v);
        if (items.size() > MAX_RULES) problems.add("lifecycle_rule has " + items.size() + " rules; S3 takes at most " + MAX_RULES);
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "lifecycle_rule" + (items.size() > 1 ? "[" + i + "]" : "");
            if (!(items.get(i) instanceof ObjectValue o)) {
                problems.add(at + " must be a rule object { id, expiration_days, ... }, got " + items.get(i).typeName());
                continue;
            }
            int before = problems.size();
            Set<String> unknown = new TreeSet<>(o.attributes().keySet());
            unknown.removeAll(FIELDS);
            if (!unknown.isEmpty()) problems.add(at + " has unsupported attributes " + unknown + "; a rule has " + new TreeSet<>(FIELDS));
            String id = o.getOrNull("id").unmarked() instanceof StringValue s ? s.value() : null;
            if (id == null || id.isEmpty() || id.length() > 255) problems.add(at + ".id is required: a name of 1 to 255 characters");
            else if (!ids.add(id)) problems.add(at + ".id \"" + id + "\" is used by another rule of the bucket");
            Value enabled = o.getOrNull("enabled").unmarked();
            if (!enabled.isNull() && !(enabled instanceof BoolValue)) problems.add(at + ".enabled must be true or false, got " + enabled.typeName());
            Value prefix = o.getOrNull("prefix").unmarked();
            if (!prefix.isNull() && !(prefix instanceof StringValue)) problems.add(at + ".prefix must be a string, got " + prefix.typeName());
            Map<String, String> tags = new TreeMap<>();
            Value tagValue = o.getOrNull("tags").unmarked();
            if (tagValue instanceof ObjectValue t) t.attributes().forEach((k, x) -> {
                if (x instanceof StringValue s) tags.put(k, s.value());
                else problems.add(at + ".tags." + k + " must be a string, got " + x.typeName());
            });
            else if (!tagValue.isNull()) problems.add(at + ".tags must be a map of strings, got " + tagValue.typeName());
            Long expiration = days(o, "expiration_days", 1, at, problems);
            Long noncurrent = days(o, "noncurrent_version_expiration_days", 1, at, problems);
            Long abort = days(o, "abort_incomplete_multipart_upload_days", 1, at, problems);
            List<Move> moves = transitions(o.getOrNull("transition").unmarked(), at, problems);
            if (expiration == null && noncurrent == null && abort == null && moves.isEmpty() && problems.size() == before)
                problems.add(at + " has no action: set expiration_days, noncurrent_version_expiration_days, transition or"
                        + " abort_incomplete_multipart_upload_days");
            if (problems.size() == before)
                out.add(new Rule(id, !(enabled instanceof BoolValue b) || b.value(), prefix instanceof StringValue s ? s.value() : null,
                        tags, expiration, noncurrent, moves, abort));
        }
        out.sort(Comparator.comparing(Rule::id));
        return out;
    }

    /** The canonical attribute value: the rules sorted by id. */
    static ListValue value(List<Rule> rules) {
        return Value.list(rules.stream().sorted(Comparator.comparing(Rule::id)).map(Rule::value).toList());
    }

    /** The rules S3 reports; the filter may be a prefix, a tag, an And of both, or the old rule-level prefix. */
    static List<Rule> fromS3(List<LifecycleRule> rules) {
        List<Rule> out = new ArrayList<>();
        for (LifecycleRule r : rules) {
            String prefix = r.prefix();
            Map<String, String> tags = new TreeMap<>();
            LifecycleRuleFilter f = r.filter();
            if (f != null) {
                if (f.prefix() != null) prefix = f.prefix();
                if (f.tag() != null) tags.put(f.tag().key(), f.tag().value());
                if (f.and() != null) {
                    if (f.and().prefix() != null) prefix = f.and().prefix();
                    f.and().tags().forEach(t -> tags.put(t.key(), t.value()));
                }
            }
            List<Move> moves = r.transitions().stream().filter(t -> t.days() != null)
                    .map(t -> new Move(t.days(), t.storageClassAsString())).toList();
            out.add(new Rule(r.id(), r.status() == ExpirationStatus.ENABLED, prefix, tags,
                    r.expiration() == null || r.expiration().days() == null ? null : (long) r.expiration().days(),
                    r.noncurrentVersionExpiration() == null || r.noncurrentVersionExpiration().noncurrentDays() == null ? null
                            : (long) r.noncurrentVersionExpiration().noncurrentDays(),
                    moves,
                    r.abortIncompleteMultipartUpload() == null || r.abortIncompleteMultipartUpload().daysAfterInitiation() == null ? null
                            : (long) r.abortIncompleteMultipartUpload().daysAfterInitiation()));
        }
        out.sort(Comparator.comparing(Rule::id));
        return out;
    }

    private static List<Move> transitions(Value v, String at, List<String> problems) {
        List<Move> out = new ArrayList<>();
        if (v.isNull()) return out;
        List<Value> items = v instanceof ListValue l ? l.items() : List.of(v);
        for (int i = 0; i < items.size(); i++) {
            String t = at + ".transition" + (items.size() > 1 ? "[" + i + "]" : "");
            if (!(items.get(i) instanceof ObjectValue o)) {
                problems.add(t + " must be { days, storage_class }, got " + items.get(i).typeName());
                continue;
            }
            Set<String> unknown = new TreeSet<>(o.attributes().keySet());
            unknown.removeAll(Set.of("days", "storage_class"));
            if (!unknown.isEmpty()) problems.add(t + " has unsupported attributes " + unknown + "; a transition has days and storage_class");
            Long days = days(o, "days", 0, t, problems);
            if (days == null && o.getOrNull("days").isNull()) problems.add(t + ".days is required");
            String storage = o.getOrNull("storage_class").unmarked() instanceof StringValue s ? s.value() : null;
            if (storage == null || !STORAGE_CLASSES.contains(storage))
                problems.add(t + ".storage_class must be one of " + new TreeSet<>(STORAGE_CLASSES) + ", got "
                        + (storage == null ? o.getOrNull("storage_class").unmarked().typeName() : "\"" + storage + "\""));
            else if (days != null && THIRTY_DAYS_FIRST.contains(storage) && days < 30)
                problems.add(t + ".days must be at least 30 for " + storage + " (S3 keeps objects 30 days in STANDARD first), got " + days);
            if (days != null && storage != null) out.add(new Move(days, storage));
        }
        return out;
    }

    private static Long days(ObjectValue o, String name, int least, String at, List<String> problems) {
        Value v = o.getOrNull(name).unmarked();
        if (v.isNull()) return null;
        if (v instanceof NumberValue n && n.isInteger() && n.value().longValue() >= least && n.value().longValue() <= Integer.MAX_VALUE)
            return n.value().longValueExact();
        problems.add(at + "." + name + " must be a whole number of days, at least " + least + ", got " + v);
        return null;
    }
}
