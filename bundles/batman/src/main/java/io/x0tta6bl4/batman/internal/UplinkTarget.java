package io.x0tta6bl4.batman.internal;

import java.util.Locale;

/**
 * One thing a gateway's uplink must reach: {@code icmp:<host>} (an echo request) or
 * {@code tcp:<host>:<port>} (a connection; a refusal also proves the uplink carries packets).
 * IPv6 hosts go in brackets, {@code tcp:[2001:db8::1]:53}.
 */
public record UplinkTarget(String kind, String host, int port) {

    public static final String ICMP = "icmp";
    public static final String TCP = "tcp";

    public UplinkTarget {
        if (host == null || host.isBlank() || host.length() > 253) {
            throw new IllegalArgumentException("no host");
        }
        if (kind.equals(TCP) && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is not within 1..65535");
        }
    }

    /** Parses {@code icmp:host} or {@code tcp:host:port}; a bad one names what is wrong. */
    public static UplinkTarget parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not icmp:<host> or tcp:<host>:<port>");
        }
        String kind = t.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = t.substring(colon + 1);
        if (kind.equals(ICMP)) {
            return new UplinkTarget(ICMP, unbracket(rest), 0);
        }
        if (!kind.equals(TCP)) {
            throw new IllegalArgumentException("'" + text + "': probe kind '" + kind + "' is not icmp or tcp");
        }
        int last = rest.lastIndexOf(':');
        if (last <= 0) {
            throw new IllegalArgumentException("'" + text + "' has no port");
        }
        try {
            return new UplinkTarget(TCP, unbracket(rest.substring(0, last)), Integer.parseInt(rest.substring(last + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port");
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return kind.equals(ICMP) ? ICMP + ":" + h : TCP + ":" + h + ":" + port;
    }
}
