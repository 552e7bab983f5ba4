package io.x0tta6bl4.identity.internal;

import static io.x0tta6bl4.identity.internal.IdentityConfig.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.x0tta6bl4.api.topology.NodeId;

/**
 * Reads the raw Config Admin properties of {@code io.x0tta6bl4.identity}. An absent key takes
 * its default; a value that breaks its rule is refused with one line naming the key, the
 * value and the rule, and the last good value of that key stays in force.
 * <p>
 * Rules: {@code source} is auto, workload, files or none; timeouts and intervals are whole
 * milliseconds within their bounds ({@code workload.timeout.ms} 500..600000,
 * {@code files.poll.ms} 100..600000, {@code connect.timeout.ms} and
 * {@code handshake.timeout.ms} 100..60000, {@code check.interval.ms} 100..600000);
 * {@code listener.port} 0..65535 (0: any free port); {@code listener.addresses} a comma
 * separated list of IP literals; {@code trust.domain} empty or a valid trust domain;
 * {@code id.pattern} a pattern with {@code {trust-domain}} and one {@code {node-id}};
 * {@code node.id} empty (the host name) or a valid node id; {@code listener.grace.ms}
 * 100..600000 (it bounds the whole exchange, so it caps the per-read timeout too); {@code listener.max.per.source}
 * 1..1024; {@code listener.max.startups} {@code start:rate:full} with
 * 1 <= start <= full <= 1024 and rate 0..100; {@code events.burst} and
 * {@code events.subject.burst} 1..10000, {@code events.per.minute} and
 * {@code events.subject.per.minute} 1..100000.
 */
final class ConfigReader {

    private final Consumer<String> warn;

    ConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    IdentityConfig read(IdentityConfig last, Map<String, ?> raw) {
        String source = str(raw, SOURCE, DEFAULTS.source()).toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(source)) {
            refuse(SOURCE, source, "must be one of " + String.join(", ", SOURCES), last.source());
            source = last.source();
        }
        String td = str(raw, TRUST_DOMAIN, DEFAULTS.trustDomain()).toLowerCase(Locale.ROOT);
        if (!td.isEmpty() && !IdPolicy.validTrustDomain(td)) {
            refuse(TRUST_DOMAIN, td, "must be empty or a trust domain of lower-case letters, digits, '.', '_', '-'",
                    last.trustDomain());
            td = last.trustDomain();
        }
        String pattern = str(raw, ID_PATTERN, DEFAULTS.idPattern());
        try {
            IdPolicy.parse(pattern);
        } catch (IllegalArgumentException e) {
            refuse(ID_PATTERN, pattern, e.getMessage(), last.idPattern());
            pattern = last.idPattern();
        }
        String node = str(raw, NODE_ID, DEFAULTS.nodeId());
        if (!node.isEmpty()) {
            try {
                node = NodeId.of(node).value();
            } catch (IllegalArgumentException e) {
                refuse(NODE_ID, node, "must be empty (the host name) or a node id: " + e.getMessage(), last.nodeId());
                node = last.nodeId();
            }
        }
        return new IdentityConfig(source, str(raw, WORKLOAD_SOCKET, DEFAULTS.workloadSocket()),
                whole(raw, WORKLOAD_TIMEOUT, DEFAULTS.workloadTimeoutMs(), 500, 600_000, last.workloadTimeoutMs()),
                str(raw, SVID_FILE, DEFAULTS.svidFile()), str(raw, KEY_FILE, DEFAULTS.keyFile()),
                str(raw, BUNDLE_FILE, DEFAULTS.bundleFile()),
                whole(raw, FILES_POLL, DEFAULTS.filesPollMs(), 100, 600_000, last.filesPollMs()),
                bool(raw, DEVELOPMENT, DEFAULTS.development(), last.development()), td, pattern, node,
                bool(raw, LISTENER_ENABLED, DEFAULTS.listenerEnabled(), last.listenerEnabled()),
                addresses(raw, last.listenerAddresses()),
                (int) whole(raw, LISTENER_PORT, DEFAULTS.listenerPort(), 0, 65535, last.listenerPort()),
                (int) whole(raw, CONNECT_TIMEOUT, DEFAULTS.connectTimeoutMs(), 100, 60_000, last.connectTimeoutMs()),
                (int) whole(raw, HANDSHAKE_TIMEOUT, DEFAULTS.handshakeTimeoutMs(), 100, 60_000,
                        last.handshakeTimeoutMs()),
                whole(raw, CHECK_INTERVAL, DEFAULTS.checkIntervalMs(), 100, 600_000, last.checkIntervalMs()),
                (int) whole(raw, LISTENER_GRACE, DEFAULTS.listenerGraceMs(), 100, 600_000, last.listenerGraceMs()), (int) whole(raw, LISTENER_PER_SOURCE, DEFAULTS.listenerPerSource(), 1, 1024,
                        last.listenerPerSource()), startups(raw, last.listenerStartups()),
                (int) whole(raw, EVENTS_BURST, DEFAULTS.eventsBurst(), 1, 10_000, last.eventsBurst()),
                (int) whole(raw, EVENTS_PER_MINUTE, DEFAULTS.eventsPerMinute(), 1, 100_000, last.eventsPerMinute()),
                (int) whole(raw, EVENTS_SUBJECT_BURST, DEFAULTS.eventsSubjectBurst(), 1, 10_000,
                        last.eventsSubjectBurst()),
                (int) whole(raw, EVENTS_SUBJECT_PER_MINUTE, DEFAULTS.eventsSubjectPerMinute(), 1, 100_000,
                        last.eventsSubjectPerMinute()));
    }

    private IdentityConfig.Startups startups(Map<String, ?> raw, IdentityConfig.Startups last) {
        Object v = raw.get(LISTENER_STARTUPS);
        if (v == null) {
            return DEFAULTS.listenerStartups();
        }
        String[] parts = v.toString().trim().split(":", -1);
        try {
            if (parts.length == 3) {
                int start = Integer.parseInt(parts[0].trim());
                int rate = Integer.parseInt(parts[1].trim());
                int full = Integer.parseInt(parts[2].trim());
                if (start >= 1 && start <= full && full <= 1024 && rate >= 0 && rate <= 100) {
                    return new IdentityConfig.Startups(start, rate, full);
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        refuse(LISTENER_STARTUPS, v, "must be start:rate:full with 1 <= start <= full <= 1024 and rate 0..100", last);
        return last;
    }

    private List<String> addresses(Map<String, ?> raw, List<String> last) {
        Object v = raw.get(LISTENER_ADDRESSES);
        if (v == null) {
            return DEFAULTS.listenerAddresses();
        }
        List<String> out = new ArrayList<>();
        Iterable<?> items = v instanceof String[] a ? List.of(a)
                : v instanceof Iterable<?> it ? it : List.of(v.toString().split(","));
        for (Object o : items) {
            String s = o.toString().trim();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("[0-9a-fA-F:.]+")) {
                refuse(LISTENER_ADDRESSES, v, "must be IP addresses separated by commas ('" + s + "' is not one)",
                        last);
                return last;
            }
            try {
                InetAddress.getByName(s);
            } catch (UnknownHostException e) {
                refuse(LISTENER_ADDRESSES, v, "must be IP addresses separated by commas ('" + s + "' is not one)",
                        last);
                return last;
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            refuse(LISTENER_ADDRESSES, v, "must name at least one address (set listener.enabled=false to disable)",
                    last);
            return last;
        }
        return List.copyOf(out);
    }

    private long whole(Map<String, ?> raw, String key, long fallback, long min, long max, long last) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == num.longValue()) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                refuse(key, v, "must be a whole number", last);
                return last;
            }
        }
        if (n < min || n > max) {
            refuse(key, v, "must be >= " + min + " and <= " + max, last);
            return last;
        }
        return n;
    }

    private boolean bool(Map<String, ?> raw, String key, boolean fallback, boolean last) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        refuse(key, v, "must be true or false", last);
        return last;
    }

    private static String str(Map<String, ?> raw, String key, String fallback) {
        Object v = raw.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    private void refuse(String key, Object value, String rule, Object kept) {
        warn.accept("Refused " + key + "=" + value + ": " + rule + "; keeping " + key + "=" + kept);
    }
}
