package dev.platctl.engine.expr;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network prefix in CIDR notation, with the base address masked to the prefix length. */
record IpPrefix(BigInteger base, int length, int bits) {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** Parses {@code 10.0.0.0/16} or {@code fd00::/56}; host bits set in the address are cleared. */
    static IpPrefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) throw invalid(cidr, "a prefix length after '/' is missing");
        String address = cidr.substring(0, slash);
        String lengthText = cidr.substring(slash + 1);
        BigInteger value;
        int bits;
        if (IPV4.matcher(address).matches()) {
            bits = 32;
            value = BigInteger.ZERO;
            for (String octet : address.split("\\.")) {
                int n = Integer.parseInt(octet);
                if (n > 255) throw invalid(cidr, "octet " + n + " is larger than 255");
                value = value.shiftLeft(8).or(BigInteger.valueOf(n));
            }
        } else if (IPV6.matcher(address).matches()) {
            bits = 128;
            value = ipv6(cidr, address);
        } else {
            throw invalid(cidr, "\"" + address + "\" is not an IPv4 or IPv6 address");
        }
        if (!lengthText.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(lengthText) > bits)
            throw invalid(cidr, "the prefix length must be a whole number from 0 to " + bits);
        int length = Integer.parseInt(lengthText);
        return new IpPrefix(value.and(mask(length, bits)), length, bits);
    }

    /** The prefix {@code newBits} longer that is number {@code netNum} inside this one. */
    IpPrefix subnet(int newBits, BigInteger netNum) {
        if (newBits < 0) throw new FunctionException("newbits must not be negative, got " + newBits);
        int newLength = length + newBits;
        if (newLength > bits)
            throw new FunctionException("insufficient address space to extend prefix of " + length + " by " + newBits);
        if (netNum.signum() < 0 || netNum.bitLength() > newBits)
            throw new FunctionException("prefix extension of " + newBits + " does not accommodate a subnet numbered "
                    + netNum);
        return new IpPrefix(base.or(netNum.shiftLeft(bits - newLength)), newLength, bits);
    }

    /** The address of host {@code hostNum} in this prefix; a negative number counts back from the last address. */
    String host(BigInteger hostNum) {
        BigInteger size = BigInteger.ONE.shiftLeft(bits - length);
        BigInteger offset = hostNum.signum() < 0 ? size.add(hostNum) : hostNum;
        if (offset.signum() < 0 || offset.compareTo(size) >= 0)
            throw new FunctionException("prefix of " + length + " does not accommodate a host numbered " + hostNum);
        return format(base.or(offset));
    }

    @Override
    public String toString() {
        return format(base) + "/" + length;
    }

    private String format(BigInteger address) {
        return bits == 32 ? ipv4Text(address) : ipv6Text(address);
    }

    private static String ipv4Text(BigInteger address) {
        long v = address.longValue();
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String ipv6Text(BigInteger address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** Literal-only parsing: the pattern above admits no host names, so no lookup ever happens. */
    private static BigInteger ipv6(String cidr, String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) throw invalid(cidr, "an IPv4-mapped address is not supported");
            return new BigInteger(1, bytes);
        } catch (UnknownHostException e) {
            throw invalid(cidr, "\"" + address + "\" is not a valid IPv6 address");
        }
    }

    private static BigInteger mask(int length, int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE));
    }

    private static FunctionException invalid(String cidr, String why) {
        return new FunctionException("invalid CIDR expression \"" + cidr + "\": " + why);
    }
}
