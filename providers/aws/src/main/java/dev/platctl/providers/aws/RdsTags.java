package dev.platctl.providers.aws;

import dev.platctl.engine.value.ObjectValue;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How RDS objects (DB instances, DB subnet groups) carry {@link Tags}: set at creation, changed by ARN. */
final class RdsTags {
    private RdsTags() {
    }

    static List<Tag> onCreate(ObjectValue planned, String idempotencyKey) {
        return toRds(Tags.onCreate(planned, idempotencyKey));
    }

    /** Moves the object's tags from the {@code tags_all} of {@code current} to that of {@code planned}. */
    static void update(RdsClient rds, String arn, ObjectValue current, ObjectValue planned) {
        Set<String> removed = Tags.removed(current, planned);
        if (!removed.isEmpty()) rds.removeTagsFromResource(b -> b.resourceName(arn).tagKeys(removed));
        Map<String, String> changed = Tags.changed(current, planned);
        if (!changed.isEmpty()) rds.addTagsToResource(b -> b.resourceName(arn).tags(toRds(changed)));
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags != null) tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    static Map<String, String> of(RdsClient rds, String arn) {
        return toMap(rds.listTagsForResource(b -> b.resourceName(arn)).tagList());
    }

    private static List<Tag> toRds(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
