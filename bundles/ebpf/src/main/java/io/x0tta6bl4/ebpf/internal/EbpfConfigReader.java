package io.x0tta6bl4.ebpf.internal;

import static io.x0tta6bl4.ebpf.internal.EbpfConfig.ALLOWED;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.ATTEST_PORT;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.DEFAULTS;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.ENFORCE;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.HEALTH_INTERVAL;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.HEALTH_MAX_PER_MINUTE;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.HEALTH_PEER_INTERVAL;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.INTERFACES;
import static io.x0tta6bl4.ebpf.internal.EbpfConfig.LOAD_ON_START;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.ebpf.internal.kernel.KernelThread;
import io.x0tta6bl4.support.config.ConfigValues;

/**
 * The rules of {@code io.x0tta6bl4.ebpf}'s keys, read under {@link ConfigValues}' refusal rule.
 * <p>
 * Rules: {@code interfaces} is a comma-separated list (or array) of {@code ifname} or
 * {@code netns/ifname}, interface names of 1..15 characters without {@code /} or space;
 * {@code allowed} a list of MACs; {@code enforce} and {@code load.on.start} true or false;
 * {@code 0 <= attest.port <= 65535}; {@code health.interval.ms >= 100};
 * {@code health.peer.interval.ms >= 0}; {@code health.max.per.minute >= 1}.
 */
final class EbpfConfigReader {

    private final Consumer<String> warn;

    EbpfConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    EbpfConfig read(EbpfConfig last, Map<String, ?> raw) {
        ConfigValues c = new ConfigValues(raw, warn);
        return new EbpfConfig(interfaces(last, c), c.bool(ENFORCE, DEFAULTS.enforce(), last.enforce()),
                allowed(last, c), (int) c.whole(ATTEST_PORT, DEFAULTS.attestPort(), 0, 65535, last.attestPort()),
                c.bool(LOAD_ON_START, DEFAULTS.loadOnStart(), last.loadOnStart()),
                c.whole(HEALTH_INTERVAL, DEFAULTS.healthIntervalMs(), 100, Long.MAX_VALUE, last.healthIntervalMs()),
                c.whole(HEALTH_PEER_INTERVAL, DEFAULTS.healthPeerIntervalMs(), 0, Long.MAX_VALUE,
                        last.healthPeerIntervalMs()),
                (int) c.whole(HEALTH_MAX_PER_MINUTE, DEFAULTS.healthMaxPerMinute(), 1, 100_000,
                        last.healthMaxPerMinute()));
    }

    /** Checks one interface spec, {@code ifname} or {@code netns/ifname}. */
    static String checkInterface(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String netns = slash < 0 ? null : s.substring(0, slash);
        String ifname = slash < 0 ? s : s.substring(slash + 1);
        if (netns != null && !KernelThread.validNetns(netns)) {
            throw new IllegalArgumentException("'" + spec + "': '" + netns + "' is not a network namespace name");
        }
        if (!ifname.matches("[A-Za-z0-9_.:@-]{1,15}")) {
            throw new IllegalArgumentException("'" + spec + "': '" + ifname
                    + "' is not an interface name (1-15 letters, digits, _ . : @ -)");
        }
        return s;
    }

    private static List<String> interfaces(EbpfConfig last, ConfigValues c) {
        Object v = c.raw(INTERFACES);
        if (v == null) {
            return DEFAULTS.interfaces();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : ConfigValues.items(v)) {
            try {
                out.add(checkInterface(item));
            } catch (IllegalArgumentException e) {
                c.refuse(INTERFACES, v, "each entry must be ifname or netns/ifname: " + e.getMessage(),
                        String.join(",", last.interfaces()));
                return last.interfaces();
            }
        }
        return List.copyOf(out);
    }

    private static Set<String> allowed(EbpfConfig last, ConfigValues c) {
        Object v = c.raw(ALLOWED);
        if (v == null) {
            return DEFAULTS.allowed();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : ConfigValues.items(v)) {
            try {
                out.add(MacAddresses.normalize(item));
            } catch (IllegalArgumentException e) {
                c.refuse(ALLOWED, v, "each entry must be a MAC address aa:bb:cc:dd:ee:ff", String.join(",", last.allowed()));
                return last.allowed();
            }
        }
        return Set.copyOf(out);
    }
}
