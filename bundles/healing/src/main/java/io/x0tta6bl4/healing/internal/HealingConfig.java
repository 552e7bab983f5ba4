package io.x0tta6bl4.healing.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration in force. Built only by {@link HealingConfigReader}, so every instance
 * satisfies the rules documented there.
 */
record HealingConfig(int queueCapacity, long correlationWindowMs, double partitionShare, int partitionMinNodes,
                     double dampingPenalty, double dampingSuppress, double dampingReuse, long dampingHalfLifeMs,
                     long backoffInitialMs, long backoffMaxMs, int budgetCapacity, double budgetPerMinute,
                     long verifyDelayMs, boolean dryRun, String notifyUri, double anomalyZ, double anomalyAlpha,
                     int anomalyWarmup, Set<String> approvalActions, Map<String, List<String>> policies,
                     long actionTimeoutMs) {

    static final String QUEUE_CAPACITY = "queue.capacity";
    static final String CORRELATION_WINDOW = "correlation.window.ms";
    static final String PARTITION_SHARE = "partition.share";
    static final String PARTITION_MIN_NODES = "partition.min.nodes";
    static final String DAMPING_PENALTY = "damping.penalty";
    static final String DAMPING_SUPPRESS = "damping.suppress";
    static final String DAMPING_REUSE = "damping.reuse";
    static final String DAMPING_HALF_LIFE = "damping.half-life.ms";
    static final String BACKOFF_INITIAL = "backoff.initial.ms";
    static final String BACKOFF_MAX = "backoff.max.ms";
    static final String BUDGET_CAPACITY = "budget.capacity";
    static final String BUDGET_PER_MINUTE = "budget.per.minute";
    static final String VERIFY_DELAY = "verify.delay.ms";
    static final String DRY_RUN = "dry.run";
    static final String NOTIFY_URI = "notify.uri";
    static final String ANOMALY_Z = "anomaly.z";
    static final String ANOMALY_ALPHA = "anomaly.alpha";
    static final String ANOMALY_WARMUP = "anomaly.warmup";
    static final String APPROVAL_ACTIONS = "approval.actions";
    static final String ACTION_TIMEOUT = "action.timeout.ms";
    /** Prefix of policy keys: {@code policy.<KIND> = action, action, ...}. */
    static final String POLICY_PREFIX = "policy.";

    static final Map<String, List<String>> DEFAULT_POLICIES = Map.ofEntries(
            Map.entry("NODE_DOWN", List.of("notify")),
            Map.entry("LINK_DEGRADED", List.of("steer-link", "path-penalty", "notify")),
            Map.entry("LINK_ANOMALY", List.of("steer-link", "path-penalty", "notify")),
            Map.entry("PEER_UNATTESTED", List.of("re-attest", "quarantine", "notify")),
            Map.entry("PEER_ATTESTATION_FAILED", List.of("re-attest", "quarantine", "notify")),
            Map.entry("SVID_EXPIRING", List.of("refresh-identity", "notify")),
            Map.entry("BUNDLE_FAILED", List.of("restart-bundle", "notify")),
            Map.entry("PARTITION", List.of("backup-link", "notify")),
            Map.entry("FLAPPING", List.of("withdraw-interface", "notify")),
            Map.entry("GATEWAY_UPLINK_DOWN", List.of("demote-gateway", "notify")),
            Map.entry("*", List.of("notify")));

    static final HealingConfig DEFAULTS = new HealingConfig(10_000, 500, 0.3, 3,
            1000, 2000, 750, 900_000, 1000, 300_000, 20, 60,
            2000, false, "log:io.x0tta6bl4.healing.notify?level=WARN", 8, 0.2, 20,
            Set.of("quarantine"), DEFAULT_POLICIES, 10_000);

    /** The ranked action names for a kind: its policy, else the {@code *} policy. */
    List<String> policy(String kind) {
        List<String> p = policies.get(kind);
        return p != null ? p : policies.getOrDefault("*", List.of());
    }
}
