package dev.platctl.providers.aws;

import dev.platctl.engine.value.ObjectValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How EC2 objects (VPCs, subnets, security groups) carry {@link Tags}: set at creation, changed by resource id. */
final class Ec2Tags {
    private Ec2Tags() {
    }

    /** The tag specification that puts {@code tags_all} and the idempotency tag on a new object of EC2's {@code type}. */
    static TagSpecification onCreate(String type, ObjectValue planned, String idempotencyKey) {
        return TagSpecification.builder().resourceType(type).tags(toEc2(Tags.onCreate(planned, idempotencyKey))).build();
    }

    /** Moves the object's tags from the {@code tags_all} of {@code current} to that of {@code planned}. */
    static void update(Ec2Client ec2, String id, ObjectValue current, ObjectValue planned) {
        Set<String> removed = Tags.removed(current, planned);
        if (!removed.isEmpty())
            ec2.deleteTags(b -> b.resources(id).tags(removed.stream().map(k -> Tag.builder().key(k).build()).toList()));
        Map<String, String> changed = Tags.changed(current, planned);
        if (!changed.isEmpty()) ec2.createTags(b -> b.resources(id).tags(toEc2(changed)));
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags != null) tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    /** The describe filter that finds objects stamped with this idempotency key. */
    static Filter addressFilter(String idempotencyKey) {
        return Filter.builder().name("tag:" + Tags.ADDRESS_TAG).values(idempotencyKey).build();
    }

    private static List<Tag> toEc2(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
