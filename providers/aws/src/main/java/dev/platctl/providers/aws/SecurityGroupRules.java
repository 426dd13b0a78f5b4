package dev.platctl.providers.aws;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ingress or egress rules of a security group as a set: each rule is one (protocol, ports, description)
 * with its sources (CIDR ranges, other security groups, the group itself), in one canonical form and order,
 * so rules written in any order or split across blocks compare equal to what EC2 returns (which merges the
 * sources of the same ports).
 */
final class SecurityGroupRules {
    /** The source text of a rule that lets the group's own members in; the group id is known only once it exists. */
    static final String SELF = "self";
    private static final String GROUP = "sg:";
    private static final String CIDR = "cidr:";

    /**
     * One rule for one source, the unit EC2 authorizes and revokes; {@code source} is {@code cidr:<range>},
     * {@code sg:<group id>} or {@code self}.
     */
    record Atom(String protocol, long fromPort, long toPort, String source, Optional<String> description)
            implements Comparable<Atom> {
        @Override
        public int compareTo(Atom o) {
            return key().compareTo(o.key());
        }

        private String key() {
            return String.format("%s|%010d|%010d|%s|%s", protocol, fromPort + 1, toPort + 1, description.orElse(""), source);
        }

        /** The permission EC2 takes for this rule; {@code self} becomes a pair naming {@code groupId}. */
        IpPermission permission(String groupId) {
            IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol);
            String d = description.orElse(null);
            if (source.startsWith(CIDR)) b.ipRanges(IpRange.builder().cidrIp(source.substring(CIDR.length())).description(d).build());
            else b.userIdGroupPairs(UserIdGroupPair.builder().groupId(source.equals(SELF) ? groupId : source.substring(GROUP.length()))
                    .description(d).build());
            if (!protocol.equals("-1")) b.fromPort((int) fromPort).toPort((int) toPort);
            return b.build();
        }
    }

    private SecurityGroupRules() {
    }

    /**
     * The rules of an attribute as atoms, or a problem with the value: one rule block is an object, several
     * a list; each needs protocol, at least one source (cidr_blocks, security_groups or self = true) and
     * (unless protocol is "-1" or "all") from_port and to_port.
     */
    static Set<Atom> atoms(Value value, String attribute, List<String> problems) {
        Set<Atom> out = new TreeSet<>();
        Value v = value.unmarked();
        if (v.isNull()) return out;
        List<Value> rules = v instanceof ListValue l ? l.items() : List.of(v);
        int i = 0;
        for (Value r : rules) {
            String at = attribute + (rules.size() > 1 ? "[" + i + "]" : "");
            i++;
            if (!(r instanceof ObjectValue o)) {
                problems.add(at + " must be a rule object { protocol, from_port, to_port, cidr_blocks }, got " + r.typeName());
                continue;
            }
            Optional<String> protocol = Attrs.string(o, "protocol").map(SecurityGroupRules::protocol);
            if (protocol.isEmpty()) {
                problems.add(at + ".protocol is required (\"tcp\", \"udp\", \"icmp\" or \"-1\" for all)");
                continue;
            }
            boolean all = protocol.get().equals("-1");
            Optional<Integer> from = Attrs.integer(o, "from_port");
            Optional<Integer> to = Attrs.integer(o, "to_port");
            if (!all && (from.isEmpty() || to.isEmpty())) {
                problems.add(at + " needs from_port and to_port for protocol " + protocol.get());
                continue;
            }
            List<String> sources = new ArrayList<>();
            List<String> cidrs = Attrs.strings(o, "cidr_blocks", at, problems);
            cidrs.stream().filter(c -> !Cidrs.isIpv4(c)).forEach(c -> problems.add(at + ".cidr_blocks has \"" + c
                    + "\", which is not an IPv4 range"));
            cidrs.forEach(c -> sources.add(CIDR + c));
            List<String> groups = Attrs.strings(o, "security_groups", at, problems);
            groups.stream().filter(g -> !g.startsWith("sg-")).forEach(g -> problems.add(at + ".security_groups has \"" + g
                    + "\", which is not a security group id (sg-...)"));
            groups.forEach(g -> sources.add(GROUP + g));
            Value self = o.getOrNull("self").unmarked();
            if (!self.isNull() && !(self instanceof BoolValue)) problems.add(at + ".self must be true or false, got " + self.typeName());
            if (self instanceof BoolValue b && b.value()) sources.add(SELF);
            if (sources.isEmpty())
                problems.add(at + " needs a source: cidr_blocks (IPv4 ranges), security_groups (group ids) or self = true");
            Set<String> unknown = new TreeSet<>(o.attributes().keySet());
            unknown.removeAll(Set.of("protocol", "from_port", "to_port", "cidr_blocks", "security_groups", "self", "description"));
            if (!unknown.isEmpty()) problems.add(at + " has unsupported attributes " + unknown
                    + "; a rule has protocol, from_port, to_port, cidr_blocks, security_groups, self and description");
            Optional<String> description = Attrs.string(o, "description").filter(d -> !d.isEmpty());
            for (String s : sources)
                out.add(new Atom(protocol.get(), all ? 0 : from.get(), all ? 0 : to.get(), s, description));
        }
        return out;
    }

    /** The atoms EC2 reports for the permissions of group {@code groupId}; a pair naming the group itself is {@code self}. */
    static Set<Atom> fromEc2(List<IpPermission> permissions, String groupId) {
        Set<Atom> out = new TreeSet<>();
        for (IpPermission p : permissions) {
            String protocol = protocol(p.ipProtocol());
            boolean all = protocol.equals("-1");
            long from = all || p.fromPort() == null ? 0 : p.fromPort();
            long to = all || p.toPort() == null ? 0 : p.toPort();
            for (IpRange r : p.ipRanges())
                out.add(new Atom(protocol, from, to, CIDR + r.cidrIp(), Optional.ofNullable(r.description()).filter(d -> !d.isEmpty())));
            for (UserIdGroupPair g : p.userIdGroupPairs())
                out.add(new Atom(protocol, from, to, g.groupId().equals(groupId) ? SELF : GROUP + g.groupId(),
                        Optional.ofNullable(g.description()).filter(d -> !d.isEmpty())));
        }
        return out;
    }

    /**
     * The canonical value: one rule per protocol, ports and description, with its ranges and groups sorted;
     * {@code security_groups} and {@code self} appear only when the rule has them, so a CIDR-only rule keeps
     * the shape it had before rules could name groups.
     */
    static ListValue value(Set<Atom> atoms) {
        Map<String, List<Atom>> groups = new TreeMap<>();
        for (Atom a : atoms)
            groups.computeIfAbsent(String.format("%s|%010d|%010d|%s", a.protocol(), a.fromPort() + 1, a.toPort() + 1,
                    a.description().orElse("")), k -> new ArrayList<>()).add(a);
        List<Value> rules = new ArrayList<>();
        for (List<Atom> g : groups.values()) {
            Atom first = g.get(0);
            Map<String, Value> rule = new TreeMap<>(Map.of("protocol", Value.of(first.protocol()), "from_port", Value.of(first.fromPort()),
                    "to_port", Value.of(first.toPort()), "description", Value.of(first.description().orElse(null)),
                    "cidr_blocks", Value.list(g.stream().filter(a -> a.source().startsWith(CIDR))
                            .map(a -> Value.of(a.source().substring(CIDR.length()))).toList())));
            List<Value> sgs = g.stream().filter(a -> a.source().startsWith(GROUP)).map(a -> Value.of(a.source().substring(GROUP.length())))
                    .toList();
            if (!sgs.isEmpty()) rule.put("security_groups", Value.list(sgs));
            if (g.stream().anyMatch(a -> a.source().equals(SELF))) rule.put("self", Value.TRUE);
            rules.add(Value.object(rule));
        }
        return Value.list(rules);
    }

    /** EC2 spells "all protocols" -1; tcp, udp and icmp are accepted in any case, numbers as they are. */
    private static String protocol(String p) {
        String l = p.trim().toLowerCase(Locale.ROOT);
        return l.equals("all") ? "-1" : l;
    }
}
