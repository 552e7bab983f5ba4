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

import io.x0tta6bl4.support.config.ConfigValues;

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
final class TopologyConfigReader {

    static final long MIN_TIMEOUT_MS = 500;
    static final long MIN_SWEEP_MS = 100;

    private final Predicate<String> knownWeigher;
    private final Consumer<String> warn;

    TopologyConfigReader(Predicate<String> knownWeigher, Consumer<String> warn) {
        this.knownWeigher = knownWeigher;
        this.warn = warn;
    }

    TopologyConfig read(TopologyConfig last, Map<String, ?> properties) {
        ConfigValues values = new ConfigValues(properties, warn);
        Long proposedTimeout = whole(values, NODE_TIMEOUT, DEFAULTS.nodeTimeoutMs());
        long timeout = last.nodeTimeoutMs();
        if (proposedTimeout == null) {
            values.refuse(NODE_TIMEOUT, values.raw(NODE_TIMEOUT), "must be a whole number of milliseconds", timeout);
        } else if (proposedTimeout < MIN_TIMEOUT_MS) {
            values.refuse(NODE_TIMEOUT, proposedTimeout, "must be >= " + MIN_TIMEOUT_MS, timeout);
        } else if (!fits(proposedTimeout, last, values)) {
            values.refuse(NODE_TIMEOUT, proposedTimeout, "must be <= " + NODE_RETENTION + " and >= "
                    + SWEEP_INTERVAL + " (their values in force)", timeout);
        } else {
            timeout = proposedTimeout;
        }
        long idle = values.whole(TopologyConfig.BATCH_IDLE, DEFAULTS.batchIdleMs(), 1, 1000, last.batchIdleMs());
        long max = values.whole(TopologyConfig.BATCH_MAX, DEFAULTS.batchMaxMs(), 1, 10_000, last.batchMaxMs());
        if (max < idle) {
            values.refuse(TopologyConfig.BATCH_MAX, max, "must be >= " + TopologyConfig.BATCH_IDLE + " (" + idle + ")",
                    last.batchMaxMs());
            max = Math.max(idle, last.batchMaxMs());
        }
        return new TopologyConfig(timeout, retention(timeout, last, values, true), sweep(timeout, last, values, true),
                weigher(last, values), threshold(last, values),
                (int) values.whole(TopologyConfig.LINK_HISTORY_SIZE, DEFAULTS.linkHistorySize(), 1, 1024,
                        last.linkHistorySize()),
                (int) values.whole(TopologyConfig.BATCH_MAX_CALLS, DEFAULTS.batchMaxCalls(), 1, 100_000,
                        last.batchMaxCalls()),
                idle, max,
                (int) values.whole(TopologyConfig.STATISTICS_SYNC_MAX_NODES, DEFAULTS.statisticsSyncMaxNodes(), 0,
                        100_000, last.statisticsSyncMaxNodes()),
                (int) values.whole(TopologyConfig.ANALYTICS_THREADS, DEFAULTS.analyticsThreads(), 0, 64,
                        last.analyticsThreads()));
    }

    /** Whether the retention and sweep interval that would be in force agree with the timeout. */
    private boolean fits(long timeout, TopologyConfig last, ConfigValues values) {
        return retention(timeout, last, values, false) >= timeout && sweep(timeout, last, values, false) <= timeout;
    }

    private long retention(long timeout, TopologyConfig last, ConfigValues values, boolean log) {
        Long v = whole(values, NODE_RETENTION, DEFAULTS.nodeRetentionMs());
        if (v == null) {
            return refuse(log, values, NODE_RETENTION, values.raw(NODE_RETENTION), "must be a whole number of milliseconds",
                    last.nodeRetentionMs());
        }
        if (v < timeout) {
            return refuse(log, values, NODE_RETENTION, v, "must be >= " + NODE_TIMEOUT + " (" + timeout + ")",
                    last.nodeRetentionMs());
        }
        return v;
    }

    private long sweep(long timeout, TopologyConfig last, ConfigValues values, boolean log) {
        Long v = whole(values, SWEEP_INTERVAL, DEFAULTS.sweepIntervalMs());
        if (v == null) {
            return refuse(log, values, SWEEP_INTERVAL, values.raw(SWEEP_INTERVAL), "must be a whole number of milliseconds",
                    last.sweepIntervalMs());
        }
        if (v < MIN_SWEEP_MS || v > timeout) {
            return refuse(log, values, SWEEP_INTERVAL, v, "must be >= " + MIN_SWEEP_MS + " and <= " + NODE_TIMEOUT
                    + " (" + timeout + ")", last.sweepIntervalMs());
        }
        return v;
    }

    private String weigher(TopologyConfig last, ConfigValues values) {
        String name = values.string(DEFAULT_WEIGHER, DEFAULTS.defaultWeigher());
        if (!knownWeigher.test(name)) {
            values.refuse(DEFAULT_WEIGHER, values.raw(DEFAULT_WEIGHER), "must name a known weigher", last.defaultWeigher());
            return last.defaultWeigher();
        }
        return name;
    }

    private double threshold(TopologyConfig last, ConfigValues values) {
        return values.number(LINK_UPDATE_THRESHOLD, DEFAULTS.linkUpdateThreshold(), last.linkUpdateThreshold(),
                t -> t > 0 && t <= 1, "must be a number > 0 and <= 1");
    }

    /** The value as a whole number, the default when absent (or blank), null when it is not one. */
    private static Long whole(ConfigValues values, String key, long fallback) {
        Object v = values.raw(key);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return fallback;
        }
        return ConfigValues.integer(v).orElse(null);
    }

    private static long refuse(boolean log, ConfigValues values, String key, Object value, String rule, long kept) {
        if (log) {
            values.refuse(key, value, rule, kept);
        }
        return kept;
    }
}
