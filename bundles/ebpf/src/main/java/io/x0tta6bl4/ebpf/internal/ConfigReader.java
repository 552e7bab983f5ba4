package io.x0tta6bl4.ebpf.internal;

import static io.x0tta6bl4.ebpf.internal.GuardConfig.ALLOWED;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.ATTEST_PORT;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.DEFAULTS;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.ENFORCE;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.HEALTH_INTERVAL;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.HEALTH_MAX_PER_MINUTE;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.HEALTH_PEER_INTERVAL;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.INTERFACES;
import static io.x0tta6bl4.ebpf.internal.GuardConfig.LOAD_ON_START;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.x0tta6bl4.api.ebpf.MacAddresses;

/**
 * Reads the raw Config Admin properties. A key that is absent takes its default; a value
 * that breaks its rule is refused with one line naming key, value and rule, and the last
 * good value of that key stays in force while the valid keys of the same update apply.
 * <p>
 * Rules: {@code interfaces} is a comma-separated list (or array) of {@code ifname} or
 * {@code netns/ifname}, interface names of 1..15 characters without {@code /} or space;
 * {@code allowed} a list of MACs; {@code enforce} and {@code load.on.start} true or false;
 * {@code 0 <= attest.port <= 65535}; {@code health.interval.ms >= 100};
 * {@code health.peer.interval.ms >= 0}; {@code health.max.per.minute >= 1}.
 */
final class ConfigReader {

    private final Consumer<String> warn;

    ConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    GuardConfig read(GuardConfig last, Map<String, ?> raw) {
        return new GuardConfig(interfaces(last, raw), bool(raw, ENFORCE, DEFAULTS.enforce(), last.enforce()),
                allowed(last, raw), (int) whole(raw, ATTEST_PORT, DEFAULTS.attestPort(), 0, 65535, last.attestPort()),
                bool(raw, LOAD_ON_START, DEFAULTS.loadOnStart(), last.loadOnStart()),
                whole(raw, HEALTH_INTERVAL, DEFAULTS.healthIntervalMs(), 100, Long.MAX_VALUE, last.healthIntervalMs()),
                whole(raw, HEALTH_PEER_INTERVAL, DEFAULTS.healthPeerIntervalMs(), 0, Long.MAX_VALUE,
                        last.healthPeerIntervalMs()),
                (int) whole(raw, HEALTH_MAX_PER_MINUTE, DEFAULTS.healthMaxPerMinute(), 1, 100_000,
                        last.healthMaxPerMinute()));
    }

    /** Checks one interface spec, {@code ifname} or {@code netns/ifname}. */
    static String checkInterface(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String netns = slash < 0 ? null : s.substring(0, slash);
        String ifname = slash < 0 ? s : s.substring(slash + 1);
        if (netns != null && !io.x0tta6bl4.ebpf.internal.kernel.KernelThread.validNetns(netns)) {
            throw new IllegalArgumentException("'" + spec + "': '" + netns + "' is not a network namespace name");
        }
        if (!ifname.matches("[A-Za-z0-9_.:@-]{1,15}")) {
            throw new IllegalArgumentException("'" + spec + "': '" + ifname
                    + "' is not an interface name (1-15 letters, digits, _ . : @ -)");
        }
        return s;
    }

    private List<String> interfaces(GuardConfig last, Map<String, ?> raw) {
        Object v = raw.get(INTERFACES);
        if (v == null) {
            return DEFAULTS.interfaces();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : items(v)) {
            try {
                out.add(checkInterface(item));
            } catch (IllegalArgumentException e) {
                refuse(INTERFACES, v, "each entry must be ifname or netns/ifname: " + e.getMessage(),
                        String.join(",", last.interfaces()));
                return last.interfaces();
            }
        }
        return List.copyOf(out);
    }

    private Set<String> allowed(GuardConfig last, Map<String, ?> raw) {
        Object v = raw.get(ALLOWED);
        if (v == null) {
            return DEFAULTS.allowed();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : items(v)) {
            try {
                out.add(MacAddresses.normalize(item));
            } catch (IllegalArgumentException e) {
                refuse(ALLOWED, v, "each entry must be a MAC address aa:bb:cc:dd:ee:ff", String.join(",", last.allowed()));
                return last.allowed();
            }
        }
        return Set.copyOf(out);
    }

    private static List<String> items(Object v) {
        List<String> parts = new ArrayList<>();
        if (v instanceof String[] a) {
            for (String s : a) {
                parts.addAll(List.of(s.split(",")));
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                parts.addAll(List.of(String.valueOf(o).split(",")));
            }
        } else {
            parts.addAll(List.of(v.toString().split(",")));
        }
        return parts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private boolean bool(Map<String, ?> raw, String key, boolean fallback, boolean kept) {
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
        refuse(key, v, "must be true or false", kept);
        return kept;
    }

    private long whole(Map<String, ?> raw, String key, long fallback, long min, long max, long kept) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                    ? num.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            refuse(key, v, "must be a whole number", kept);
            return kept;
        }
        if (n < min || n > max) {
            refuse(key, v, "must be >= " + min + (max == Long.MAX_VALUE ? "" : " and <= " + max), kept);
            return kept;
        }
        return n;
    }

    private void refuse(String key, Object value, String rule, Object kept) {
        warn.accept("Refused " + key + "=" + value + ": " + rule + "; keeping " + key + "=" + kept);
    }
}
