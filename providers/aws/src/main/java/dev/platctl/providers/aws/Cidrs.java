package dev.platctl.providers.aws;

import java.util.regex.Pattern;

/** Checks the text of IPv4 CIDR ranges before AWS is asked to use them. */
final class Cidrs {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");

    private Cidrs() {
    }

    static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }
}
