package market.keeper.directory.domain;

import java.util.regex.Pattern;

/**
 * The shape of a keeper node's address: an IPv4 address in dotted decimal, or an IPv6 address in
 * RFC 4291 text form (with at most one {@code ::}); no host names, so no lookup is ever needed.
 */
public final class NodeAddress {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEXTET = Pattern.compile("[0-9a-fA-F]{1,4}");

    private NodeAddress() {}

    public static boolean isIp(String text) {
        if (text == null || text.length() > 45) {
            return false;
        }
        return IPV4.matcher(text).matches() || isIpv6(text);
    }

    public static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static boolean isIpv6(String text) {
        int compressions = text.split("::", -1).length - 1;
        if (compressions > 1 || !text.contains(":")) {
            return false;
        }
        String[] parts = text.replace("::", ":x:").split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean edge = i == 0 || i == parts.length - 1;
            if (part.equals("x")) {
                continue;
            }
            if (part.isEmpty()) {
                if (edge && compressions == 1) {
                    continue;
                }
                return false;
            }
            if (i == parts.length - 1 && IPV4.matcher(part).matches()) {
                groups += 2;
            } else if (HEXTET.matcher(part).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return compressions == 1 ? groups < 8 : groups == 8;
    }
}
