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
import io.x0tta6bl4.support.config.ConfigValues;

/**
 * The rules of {@code io.x0tta6bl4.identity}'s keys, read under {@link ConfigValues}' refusal
 * rule.
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
final class IdentityConfigReader {

    private final Consumer<String> warn;

    IdentityConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    IdentityConfig read(IdentityConfig last, Map<String, ?> properties) {
        ConfigValues values = new ConfigValues(properties, warn);
        String source = values.string(SOURCE, DEFAULTS.source()).toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(source)) {
            values.refuse(SOURCE, source, "must be one of " + String.join(", ", SOURCES), last.source());
            source = last.source();
        }
        String td = values.string(TRUST_DOMAIN, DEFAULTS.trustDomain()).toLowerCase(Locale.ROOT);
        if (!td.isEmpty() && !IdPolicy.validTrustDomain(td)) {
            values.refuse(TRUST_DOMAIN, td, "must be empty or a trust domain of lower-case letters, digits, '.', '_', '-'",
                    last.trustDomain());
            td = last.trustDomain();
        }
        String pattern = values.string(ID_PATTERN, DEFAULTS.idPattern());
        try {
            IdPolicy.parse(pattern);
        } catch (IllegalArgumentException e) {
            values.refuse(ID_PATTERN, pattern, e.getMessage(), last.idPattern());
            pattern = last.idPattern();
        }
        String node = values.string(NODE_ID, DEFAULTS.nodeId());
        if (!node.isEmpty()) {
            try {
                node = NodeId.of(node).value();
            } catch (IllegalArgumentException e) {
                values.refuse(NODE_ID, node, "must be empty (the host name) or a node id: " + e.getMessage(), last.nodeId());
                node = last.nodeId();
            }
        }
        return new IdentityConfig(source, values.string(WORKLOAD_SOCKET, DEFAULTS.workloadSocket()),
                values.whole(WORKLOAD_TIMEOUT, DEFAULTS.workloadTimeoutMs(), 500, 600_000, last.workloadTimeoutMs()),
                values.string(SVID_FILE, DEFAULTS.svidFile()), values.string(KEY_FILE, DEFAULTS.keyFile()),
                values.string(BUNDLE_FILE, DEFAULTS.bundleFile()),
                values.whole(FILES_POLL, DEFAULTS.filesPollMs(), 100, 600_000, last.filesPollMs()),
                values.bool(DEVELOPMENT, DEFAULTS.development(), last.development()), td, pattern, node,
                values.bool(LISTENER_ENABLED, DEFAULTS.listenerEnabled(), last.listenerEnabled()),
                addresses(values, last.listenerAddresses()),
                (int) values.whole(LISTENER_PORT, DEFAULTS.listenerPort(), 0, 65535, last.listenerPort()),
                (int) values.whole(CONNECT_TIMEOUT, DEFAULTS.connectTimeoutMs(), 100, 60_000, last.connectTimeoutMs()),
                (int) values.whole(HANDSHAKE_TIMEOUT, DEFAULTS.handshakeTimeoutMs(), 100, 60_000,
                        last.handshakeTimeoutMs()),
                values.whole(CHECK_INTERVAL, DEFAULTS.checkIntervalMs(), 100, 600_000, last.checkIntervalMs()),
                (int) values.whole(LISTENER_GRACE, DEFAULTS.listenerGraceMs(), 100, 600_000, last.listenerGraceMs()), (int) values.whole(LISTENER_PER_SOURCE, DEFAULTS.listenerPerSource(), 1, 1024,
                        last.listenerPerSource()), startups(values, last.listenerStartups()),
                (int) values.whole(EVENTS_BURST, DEFAULTS.eventsBurst(), 1, 10_000, last.eventsBurst()),
                (int) values.whole(EVENTS_PER_MINUTE, DEFAULTS.eventsPerMinute(), 1, 100_000, last.eventsPerMinute()),
                (int) values.whole(EVENTS_SUBJECT_BURST, DEFAULTS.eventsSubjectBurst(), 1, 10_000,
                        last.eventsSubjectBurst()),
                (int) values.whole(EVENTS_SUBJECT_PER_MINUTE, DEFAULTS.eventsSubjectPerMinute(), 1, 100_000,
                        last.eventsSubjectPerMinute()));
    }

    private static IdentityConfig.Startups startups(ConfigValues values, IdentityConfig.Startups last) {
        Object v = values.raw(LISTENER_STARTUPS);
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
        values.refuse(LISTENER_STARTUPS, v, "must be start:rate:full with 1 <= start <= full <= 1024 and rate 0..100", last);
        return last;
    }

    private static List<String> addresses(ConfigValues values, List<String> last) {
        Object v = values.raw(LISTENER_ADDRESSES);
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
                values.refuse(LISTENER_ADDRESSES, v, "must be IP addresses separated by commas ('" + s + "' is not one)",
                        last);
                return last;
            }
            try {
                InetAddress.getByName(s);
            } catch (UnknownHostException e) {
                values.refuse(LISTENER_ADDRESSES, v, "must be IP addresses separated by commas ('" + s + "' is not one)",
                        last);
                return last;
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            values.refuse(LISTENER_ADDRESSES, v, "must name at least one address (set listener.enabled=false to disable)",
                    last);
            return last;
        }
        return List.copyOf(out);
    }
}
