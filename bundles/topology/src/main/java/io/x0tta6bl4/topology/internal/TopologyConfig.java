package io.x0tta6bl4.topology.internal;

import io.x0tta6bl4.api.topology.QualityWeigher;

/**
 * The configuration in force. Built only by {@link TopologyConfigReader}, so every instance
 * satisfies the rules documented there.
 */
record TopologyConfig(long nodeTimeoutMs, long nodeRetentionMs, long sweepIntervalMs, String defaultWeigher,
                      double linkUpdateThreshold, int linkHistorySize, int batchMaxCalls, long batchIdleMs,
                      long batchMaxMs, int statisticsSyncMaxNodes, int analyticsThreads) {

    static final String NODE_TIMEOUT = "node.timeout.ms";
    static final String NODE_RETENTION = "node.retention.ms";
    static final String SWEEP_INTERVAL = "sweep.interval.ms";
    static final String DEFAULT_WEIGHER = "default.weigher";
    static final String LINK_UPDATE_THRESHOLD = "link.update.threshold";
    static final String LINK_HISTORY_SIZE = "link.history.size";
    static final String BATCH_MAX_CALLS = "batch.max.calls";
    static final String BATCH_IDLE = "batch.idle.ms";
    static final String BATCH_MAX = "batch.max.ms";
    static final String STATISTICS_SYNC_MAX_NODES = "statistics.sync.max.nodes";
    static final String ANALYTICS_THREADS = "analytics.threads";

    static final TopologyConfig DEFAULTS = new TopologyConfig(5000, 300_000, 1000, QualityWeigher.NAME, 0.05);

    /** The liveness and routing keys, the scale keys at their defaults. */
    TopologyConfig(long nodeTimeoutMs, long nodeRetentionMs, long sweepIntervalMs, String defaultWeigher,
                   double linkUpdateThreshold) {
        this(nodeTimeoutMs, nodeRetentionMs, sweepIntervalMs, defaultWeigher, linkUpdateThreshold, 32, 1000, 10, 50,
                2000, 0);
    }

    ChangeAccumulator.Batching batching() {
        return new ChangeAccumulator.Batching(batchMaxCalls, batchIdleMs, batchMaxMs);
    }

    /** Worker threads for whole-graph analytics: the configured number, or one per core. */
    int threads() {
        return analyticsThreads > 0 ? analyticsThreads : Runtime.getRuntime().availableProcessors();
    }
}
