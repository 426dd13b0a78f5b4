package dev.platctl.engine.expr;

import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Functions computing IPv4 and IPv6 addresses: cidrsubnet, cidrhost. */
final class NetworkFunctions {
    private NetworkFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                FunctionDef.of("cidrsubnet(prefix, newbits, netnum)", 3, 3, a -> new StringValue(
                        IpPrefix.parse(Args.string(a, 0, "prefix"))
                                .subnet(Args.integer(a, 1, "newbits"), whole(a, 2, "netnum")).toString())),
                FunctionDef.of("cidrhost(prefix, hostnum)", 2, 2, a -> new StringValue(
                        IpPrefix.parse(Args.string(a, 0, "prefix")).host(whole(a, 1, "hostnum")))));
    }

    private static BigInteger whole(List<Value> a, int i, String param) {
        BigDecimal n = Args.number(a, i, param);
        try {
            return n.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new FunctionException(param + " must be a whole number, got " + n.toPlainString());
        }
    }
}
