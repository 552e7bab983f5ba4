package io.x0tta6bl4.respondd.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.x0tta6bl4.support.config.ConfigValues;

/**
 * The respondd bundle's settings, read under {@link ConfigValues}' refusal rule.
 *
 * @param latitude  decimal degrees, or null; set together with {@code longitude} or not at all
 */
record RespondConfig(boolean enabled, String iface, int port, List<InetAddress> groups, int maxReplyBytes,
                     double repliesPerSecond, double repliesPerSource, List<Cidr> allowSources, String nodeId,
                     String hostname, String siteCode, Double latitude, Double longitude, String contact,
                     long collectIntervalMs, int collectWaitMs, int collectMaxNodes,
                     List<InetSocketAddress> collectTargets) {

    static final String PID = "io.x0tta6bl4.respondd";
    static final RespondConfig DEFAULTS = new RespondConfig(true, "bat0", 1001,
            List.of(v6("ff02::2:1001"), v6("ff05::2:1001")), 8192, 50, 5, List.of(), "", "", "", null, null, "",
            60_000, 3000, 2048, List.of());
    /** Unicast targets a collector asks besides its groups; more is a configuration mistake. */
    static final int MAX_TARGETS = 256;

    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{12}|");
    /** [v6]:port, v4:port, or a bare v6 or v4 literal: never a name, which would need DNS. */
    private static final Pattern TARGET = Pattern.compile(
            "\\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)]:(\\d{1,5})|((?:\\d{1,3}\\.){3}\\d{1,3}):(\\d{1,5})"
            + "|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|(?:\\d{1,3}\\.){3}\\d{1,3}");
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]{0,64}");

    static RespondConfig read(RespondConfig last, Map<String, ?> properties, Consumer<String> warn) {
        ConfigValues c = new ConfigValues(properties, warn);
        Double lat = coordinate(c, "location.latitude", 90, last.latitude);
        Double lon = coordinate(c, "location.longitude", 180, last.longitude);
        if ((lat == null) != (lon == null)) {
            c.refuse(lat == null ? "location.longitude" : "location.latitude", lat == null ? lon : lat,
                    "needs location.latitude and location.longitude together", last.latitude + "," + last.longitude);
            lat = last.latitude;
            lon = last.longitude;
        }
        return new RespondConfig(
                c.bool("enabled", DEFAULTS.enabled, last.enabled),
                text(c, "interface", IFACE, DEFAULTS.iface, last.iface, "must be an interface name of 1-15 characters"),
                (int) c.whole("port", DEFAULTS.port, 1, 65535, last.port),
                c.parsed("groups", DEFAULTS.groups, last.groups, "must be IPv6 multicast addresses, comma-separated",
                        RespondConfig::groups),
                (int) c.whole("reply.max.bytes", DEFAULTS.maxReplyBytes, 512, 65000, last.maxReplyBytes),
                c.number("replies.per.second", DEFAULTS.repliesPerSecond, last.repliesPerSecond,
                        v -> v > 0 && v <= 10000, "must be a number within (0, 10000]"),
                c.number("replies.per.source.per.second", DEFAULTS.repliesPerSource, last.repliesPerSource,
                        v -> v > 0 && v <= 10000, "must be a number within (0, 10000]"),
                c.parsed("allow.sources", DEFAULTS.allowSources, last.allowSources,
                        "must be address prefixes such as fd00::/64, comma-separated", RespondConfig::prefixes),
                text(c, "node.id", NODE_ID, DEFAULTS.nodeId, last.nodeId, "must be 12 lower-case hex digits (a MAC without colons) or empty"),
                text(c, "hostname", TEXT, DEFAULTS.hostname, last.hostname, "must be at most 64 printable characters"),
                text(c, "site.code", TEXT, DEFAULTS.siteCode, last.siteCode, "must be at most 64 printable characters"),
                lat, lon,
                text(c, "contact", TEXT, DEFAULTS.contact, last.contact, "must be at most 64 printable characters"),
                c.whole("collect.interval.ms", DEFAULTS.collectIntervalMs, last.collectIntervalMs,
                        v -> v == 0 || v >= 1000 && v <= 86_400_000,
                        "must be 0 (no collector) or milliseconds within 1000..86400000"),
                (int) c.whole("collect.wait.ms", DEFAULTS.collectWaitMs, 100, 10_000, last.collectWaitMs),
                (int) c.whole("collect.max.nodes", DEFAULTS.collectMaxNodes, 1, 10_000, last.collectMaxNodes),
                c.parsed("collect.targets", DEFAULTS.collectTargets, last.collectTargets,
                        "must be at most " + MAX_TARGETS + " IP addresses, each optionally as [address]:port or a.b.c.d:port",
                        RespondConfig::targets));
    }

    private static String text(ConfigValues c, String key, Pattern rule, String dflt, String last, String text) {
        String value = c.string(key, dflt);
        if (!rule.matcher(value).matches()) {
            c.refuse(key, value, text, last);
            return last;
        }
        return value;
    }

    private static Double coordinate(ConfigValues c, String key, double bound, Double last) {
        if (c.string(key, "").isEmpty()) {
            return null;
        }
        return c.parsed(key, null, last, "must be decimal degrees within -" + bound + ".." + bound,
                v -> ConfigValues.decimal(v).filter(d -> Math.abs(d) <= bound));
    }

    private static Optional<List<InetAddress>> groups(Object v) {
        List<InetAddress> out = new ArrayList<>();
        for (String s : ConfigValues.items(v)) {
            if (!s.matches("[0-9A-Fa-f:]+")) {
                return Optional.empty();
            }
            InetAddress a = v6(s);
            if (a == null || !a.isMulticastAddress()) {
                return Optional.empty();
            }
            out.add(a);
        }
        return Optional.of(List.copyOf(out));
    }

    private static Optional<List<InetSocketAddress>> targets(Object v) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String s : ConfigValues.items(v)) {
            Matcher m = TARGET.matcher(s);
            if (!m.matches() || out.size() == MAX_TARGETS) {
                return Optional.empty();
            }
            String host = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : s;
            String port = m.group(2) != null ? m.group(2) : m.group(4);
            try {
                int p = port == null ? 1001 : Integer.parseInt(port);
                if (p < 1 || p > 65535) {
                    return Optional.empty();
                }
                out.add(new InetSocketAddress(InetAddress.getByName(host), p));
            } catch (UnknownHostException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(out));
    }

    private static Optional<List<Cidr>> prefixes(Object v) {
        List<Cidr> out = new ArrayList<>();
        for (String s : ConfigValues.items(v)) {
            Optional<Cidr> c = Cidr.parse(s);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            out.add(c.get());
        }
        return Optional.of(List.copyOf(out));
    }

    private static InetAddress v6(String literal) {
        try {
            InetAddress a = InetAddress.getByName(literal);
            return a instanceof Inet6Address ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
