package dev.platctl.providers.aws;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

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
 * with its CIDR ranges, in one canonical form and order, so rules written in any order or split across
 * blocks compare equal to what EC2 returns (which merges ranges of the same ports).
 */
final class SecurityGroupRules {
    /** One rule for one CIDR range, the unit EC2 authorizes and revokes. */
    record Atom(String protocol, long fromPort, long toPort, String cidr, Optional<String> description)
            implements Comparable<Atom> {
        @Override
        public int compareTo(Atom o) {
            return key().compareTo(o.key());
        }

        private String key() {
            return String.format("%s|%010d|%010d|%s|%s", protocol, fromPort + 1, toPort + 1, description.orElse(""), cidr);
        }

        IpPermission permission() {
            IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol)
                    .ipRanges(IpRange.builder().cidrIp(cidr).description(description.orElse(null)).build());
            if (!protocol.equals("-1")) b.fromPort((int) fromPort).toPort((int) toPort);
            return b.build();
        }
    }

    private SecurityGroupRules() {
    }

    /**
     * The rules of an attribute as atoms, or a problem with the value: one rule block is an object, several
     * a list; each needs protocol, cidr_blocks and (unless protocol is "-1" or "all") from_port and to_port.
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
            List<String> cidrs = new ArrayList<>();
            if (o.getOrNull("cidr_blocks").unmarked() instanceof ListValue cl)
                for (Value c : cl.items()) if (c instanceof StringValue s) cidrs.add(s.value());
            if (cidrs.isEmpty()) problems.add(at + ".cidr_blocks needs at least one IPv4 range");
            cidrs.stream().filter(c -> !Cidrs.isIpv4(c)).forEach(c -> problems.add(at + ".cidr_blocks has \"" + c
                    + "\", which is not an IPv4 range"));
            Set<String> unknown = new TreeSet<>(o.attributes().keySet());
            unknown.removeAll(Set.of("protocol", "from_port", "to_port", "cidr_blocks", "description"));
            if (!unknown.isEmpty()) problems.add(at + " has unsupported attributes " + unknown
                    + "; a rule has protocol, from_port, to_port, cidr_blocks and description");
            Optional<String> description = Attrs.string(o, "description").filter(d -> !d.isEmpty());
            for (String c : cidrs)
                out.add(new Atom(protocol.get(), all ? 0 : from.get(), all ? 0 : to.get(), c, description));
        }
        return out;
    }

    /** The atoms EC2 reports for a group's permissions. */
    static Set<Atom> fromEc2(List<IpPermission> permissions) {
        Set<Atom> out = new TreeSet<>();
        for (IpPermission p : permissions) {
            String protocol = protocol(p.ipProtocol());
            boolean all = protocol.equals("-1");
            for (IpRange r : p.ipRanges())
                out.add(new Atom(protocol, all || p.fromPort() == null ? 0 : p.fromPort(), all || p.toPort() == null ? 0 : p.toPort(),
                        r.cidrIp(), Optional.ofNullable(r.description()).filter(d -> !d.isEmpty())));
        }
        return out;
    }

    /** The canonical value: one rule per protocol, ports and description, with its ranges sorted. */
    static ListValue value(Set<Atom> atoms) {
        Map<String, List<Atom>> groups = new TreeMap<>();
        for (Atom a : atoms)
            groups.computeIfAbsent(String.format("%s|%010d|%010d|%s", a.protocol(), a.fromPort() + 1, a.toPort() + 1,
                    a.description().orElse("")), k -> new ArrayList<>()).add(a);
        List<Value> rules = new ArrayList<>();
        for (List<Atom> g : groups.values()) {
            Atom first = g.get(0);
            rules.add(Value.object(Map.of("protocol", Value.of(first.protocol()), "from_port", Value.of(first.fromPort()),
                    "to_port", Value.of(first.toPort()), "description", Value.of(first.description().orElse(null)),
                    "cidr_blocks", Value.list(g.stream().map(a -> Value.of(a.cidr())).toList()))));
        }
        return Value.list(rules);
    }

    /** EC2 spells "all protocols" -1; tcp, udp and icmp are accepted in any case, numbers as they are. */
    private static String protocol(String p) {
        String l = p.trim().toLowerCase(Locale.ROOT);
        return l.equals("all") ? "-1" : l;
    }
}
