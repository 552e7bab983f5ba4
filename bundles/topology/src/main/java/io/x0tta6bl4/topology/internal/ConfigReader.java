package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.TopologyConfig.DEFAULT_WEIGHER;
import static io.x0tta6bl4.topology.internal.TopologyConfig.DEFAULTS;
import static io.x0tta6bl4.topology.internal.TopologyConfig.LINK_UPDATE_THRESHOLD;
import static io.x0tta6bl4.topology.internal.TopologyConfig.NODE_RETENTION;
import static io.x0tta6bl4.topology.internal.TopologyConfig.NODE_TIMEOUT;
import static io.x0tta6bl4.topology.internal.TopologyConfig.SWEEP_INTERVAL;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the raw Config Admin properties itself instead of letting DS coerce them, so a
 * value such as {@code node.timeout.ms = soon} is refused with a clear line rather than
 * failing activation. A key that is absent takes its default; a value that breaks its
 * rule is refused and the last good value of that key stays in force, while the valid
 * keys of the same update apply.
 * <p>
 * Rules: {@code node.timeout.ms >= 500}; {@code node.retention.ms >= node.timeout.ms};
 * {@code 100 <= sweep.interval.ms <= node.timeout.ms}; {@code default.weigher} names a
 * known weigher; {@code 0 < link.update.threshold <= 1}. The two rules that involve the
 * timeout are checked against the timeout that will be in force; a new timeout that the
 * retention or sweep interval in force would contradict is refused itself.
 */
final class ConfigReader {

    static final long MIN_TIMEOUT_MS = 500;
    static final long MIN_SWEEP_MS = 100;

    private final Predicate<String> knownWeigher;
    private final Consumer<String> warn;

    ConfigReader(Predicate<String> knownWeigher, Consumer<String> warn) {
        this.knownWeigher = knownWeigher;
        this.warn = warn;
    }

    TopologyConfig read(TopologyConfig last, Map<String, ?> raw) {
        Long proposedTimeout = whole(raw, NODE_TIMEOUT, DEFAULTS.nodeTimeoutMs());
        long timeout = last.nodeTimeoutMs();
        if (proposedTimeout == null) {
            refuse(NODE_TIMEOUT, raw.get(NODE_TIMEOUT), "must be a whole number of milliseconds", timeout);
        } else if (proposedTimeout < MIN_TIMEOUT_MS) {
            refuse(NODE_TIMEOUT, proposedTimeout, "must be >= " + MIN_TIMEOUT_MS, timeout);
        } else if (!fits(proposedTimeout, last, raw)) {
            refuse(NODE_TIMEOUT, proposedTimeout, "must be <= " + NODE_RETENTION + " and >= "
                    + SWEEP_INTERVAL + " (their values in force)", timeout);
        } else {
            timeout = proposedTimeout;
        }
        long idle = bounded(raw, TopologyConfig.BATCH_IDLE, DEFAULTS.batchIdleMs(), 1, 1000, last.batchIdleMs());
        long max = bounded(raw, TopologyConfig.BATCH_MAX, DEFAULTS.batchMaxMs(), 1, 10_000, last.batchMaxMs());
        if (max < idle) {
            refuse(TopologyConfig.BATCH_MAX, max, "must be >= " + TopologyConfig.BATCH_IDLE + " (" + idle + ")",
                    last.batchMaxMs());
            max = Math.max(idle, last.batchMaxMs());
        }
        return new TopologyConfig(timeout, retention(timeout, last, raw, true), sweep(timeout, last, raw, true),
                weigher(last, raw), threshold(last, raw),
                (int) bounded(raw, TopologyConfig.LINK_HISTORY_SIZE, DEFAULTS.linkHistorySize(), 1, 1024,
                        last.linkHistorySize()),
                (int) bounded(raw, TopologyConfig.BATCH_MAX_CALLS, DEFAULTS.batchMaxCalls(), 1, 100_000,
                        last.batchMaxCalls()),
                idle, max,
                (int) bounded(raw, TopologyConfig.STATISTICS_SYNC_MAX_NODES, DEFAULTS.statisticsSyncMaxNodes(), 0,
                        100_000, last.statisticsSyncMaxNodes()),
                (int) bounded(raw, TopologyConfig.ANALYTICS_THREADS, DEFAULTS.analyticsThreads(), 0, 64,
                        last.analyticsThreads()));
    }

    /** A whole number within [min, max]; the default when absent, the last good value when refused. */
    private long bounded(Map<String, ?> raw, String key, long fallback, long min, long max, long kept) {
        Long v = whole(raw, key, fallback);
        if (v == null || v < min || v > max) {
            refuse(key, raw.get(key), "must be a whole number within " + min + ".." + max, kept);
            return kept;
        }
        return v;
    }

    /** Whether the retention and sweep interval that would be in force agree with the timeout. */
    private boolean fits(long timeout, TopologyConfig last, Map<String, ?> raw) {
        return retention(timeout, last, raw, false) >= timeout && sweep(timeout, last, raw, false) <= timeout;
    }

    private long retention(long timeout, TopologyConfig last, Map<String, ?> raw, boolean log) {
        Long v = whole(raw, NODE_RETENTION, DEFAULTS.nodeRetentionMs());
        if (v == null) {
            return refuse(log, NODE_RETENTION, raw.get(NODE_RETENTION), "must be a whole number of milliseconds",
                    last.nodeRetentionMs());
        }
        if (v < timeout) {
            return refuse(log, NODE_RETENTION, v, "must be >= " + NODE_TIMEOUT + " (" + timeout + ")",
                    last.nodeRetentionMs());
        }
        return v;
    }

    private long sweep(long timeout, TopologyConfig last, Map<String, ?> raw, boolean log) {
        Long v = whole(raw, SWEEP_INTERVAL, DEFAULTS.sweepIntervalMs());
        if (v == null) {
            return refuse(log, SWEEP_INTERVAL, raw.get(SWEEP_INTERVAL), "must be a whole number of milliseconds",
                    last.sweepIntervalMs());
        }
        if (v < MIN_SWEEP_MS || v > timeout) {
            return refuse(log, SWEEP_INTERVAL, v, "must be >= " + MIN_SWEEP_MS + " and <= " + NODE_TIMEOUT
                    + " (" + timeout + ")", last.sweepIntervalMs());
        }
        return v;
    }

    private String weigher(TopologyConfig last, Map<String, ?> raw) {
        Object v = raw.get(DEFAULT_WEIGHER);
        String name = v == null ? DEFAULTS.defaultWeigher() : v.toString().trim();
        if (!knownWeigher.test(name)) {
            refuse(DEFAULT_WEIGHER, v, "must name a known weigher", last.defaultWeigher());
            return last.defaultWeigher();
        }
        return name;
    }

    private double threshold(TopologyConfig last, Map<String, ?> raw) {
        Object v = raw.get(LINK_UPDATE_THRESHOLD);
        double t;
        if (v == null) {
            t = DEFAULTS.linkUpdateThreshold();
        } else if (v instanceof Number n) {
            t = n.doubleValue();
        } else {
            try {
                t = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                t = Double.NaN;
            }
        }
        if (!(t > 0 && t <= 1)) {
            refuse(LINK_UPDATE_THRESHOLD, v, "must be a number > 0 and <= 1", last.linkUpdateThreshold());
            return last.linkUpdateThreshold();
        }
        return t;
    }

    /** The value as a whole number, the default when absent, null when it is not one. */
    private static Long whole(Map<String, ?> raw, String key, long fallback) {
        Object v = raw.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < Long.MAX_VALUE ? (long) d : null;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long refuse(boolean log, String key, Object value, String rule, long kept) {
        if (log) {
            refuse(key, value, rule, kept);
        }
        return kept;
    }

    private void refuse(String key, Object value, String rule, Object kept) {
        warn.accept("Refused " + key + "=" + value + ": " + rule + "; keeping " + key + "=" + kept);
    }
}
