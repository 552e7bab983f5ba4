package io.x0tta6bl4.healing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the healing configuration; values are validated by {@link HealingConfigReader}. */
@ObjectClassDefinition(id = HealingManager.PID, name = "x0tta6bl4 healing",
        description = "Self-healing MAPE-K loop: intake, correlation, damping, budget, backoff, verification, notification")
@interface HealingConfiguration {

    @AttributeDefinition(name = "queue.capacity", description = "Bounded intake queue; events beyond it are dropped and counted")
    int queue_capacity() default 10_000;

    @AttributeDefinition(name = "correlation.window.ms", description = "How long a new incident waits for related events before planning")
    long correlation_window_ms() default 500;

    @AttributeDefinition(name = "partition.share", description = "Failed share of the mesh above which a partition is suspected")
    double partition_share() default 0.3;

    @AttributeDefinition(name = "partition.min.nodes", description = "Fewest failed nodes for a partition")
    int partition_min_nodes() default 3;

    @AttributeDefinition(name = "damping.penalty", description = "Penalty added per failure of a subject")
    double damping_penalty() default 1000;

    @AttributeDefinition(name = "damping.suppress", description = "Penalty above which a subject is damped")
    double damping_suppress() default 2000;

    @AttributeDefinition(name = "damping.reuse", description = "Penalty below which a damped subject is released")
    double damping_reuse() default 750;

    @AttributeDefinition(name = "damping.half-life.ms", description = "Half-life of the penalty")
    long damping_half$_$life_ms() default 900_000;

    @AttributeDefinition(name = "backoff.initial.ms", description = "First per-target backoff")
    long backoff_initial_ms() default 1000;

    @AttributeDefinition(name = "backoff.max.ms", description = "Longest per-target backoff")
    long backoff_max_ms() default 300_000;

    @AttributeDefinition(name = "budget.capacity", description = "Token bucket size of the global action budget")
    int budget_capacity() default 20;

    @AttributeDefinition(name = "budget.per.minute", description = "Tokens added per minute")
    double budget_per_minute() default 60;

    @AttributeDefinition(name = "verify.delay.ms", description = "Delay before the condition is re-checked after an action")
    long verify_delay_ms() default 2000;

    @AttributeDefinition(name = "dry.run", description = "Plan and record, but run no action")
    boolean dry_run() default false;

    @AttributeDefinition(name = "notify.uri", description = "Camel endpoint URI (log:...) or http(s) webhook for notifications")
    String notify_uri() default "log:io.x0tta6bl4.healing.notify?level=WARN";

    @AttributeDefinition(name = "anomaly.z", description = "Robust z-score above which a link metric is anomalous")
    double anomaly_z() default 8;

    @AttributeDefinition(name = "anomaly.alpha", description = "EWMA smoothing factor")
    double anomaly_alpha() default 0.2;

    @AttributeDefinition(name = "anomaly.warmup", description = "Observations before a link metric can be flagged")
    int anomaly_warmup() default 20;

    @AttributeDefinition(name = "approval.actions", description = "Actions that wait for heal:approve")
    String approval_actions() default "quarantine";

    @AttributeDefinition(name = "action.timeout.ms",
            description = "Longest wait for an action (or its rollback); past it the call is interrupted and counts as failed")
    long action_timeout_ms() default 10_000;
}
