package io.x0tta6bl4.topology.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of the PID {@code io.x0tta6bl4.topology}, for consoles and documentation. The
 * component reads the raw properties through {@link TopologyConfigReader}, which enforces the
 * rules stated here.
 */
@ObjectClassDefinition(id = "io.x0tta6bl4.topology", name = "x0tta6bl4 topology",
        description = "Mesh topology: node liveness, link quality and path computation")
@interface TopologyConfiguration {

    @AttributeDefinition(name = "Node timeout (ms)", min = "500",
            description = "A node not seen for this long goes DOWN and NODE_DOWN is posted. At least 500.")
    long node_timeout_ms() default 5000;

    @AttributeDefinition(name = "Node retention (ms)",
            description = "A node DOWN for this long is removed. At least node.timeout.ms.")
    long node_retention_ms() default 300_000;

    @AttributeDefinition(name = "Sweep interval (ms)", min = "100",
            description = "How often liveness is checked. At least 100, at most node.timeout.ms.")
    long sweep_interval_ms() default 1000;

    @AttributeDefinition(name = "Default weigher",
            description = "Weigher used for paths when none is named: hops, quality, latency or a plugin's.")
    String default_weigher() default "quality";

    @AttributeDefinition(name = "Link update threshold",
            description = "LINK_UPDATED is posted when a link's quality score moves by more than this. In (0, 1].")
    double link_update_threshold() default 0.05;

    @AttributeDefinition(name = "Link history size", min = "1", max = "1024",
            description = "Samples kept per directed link for mesh:link --history. 1..1024.")
    int link_history_size() default 32;

    @AttributeDefinition(name = "Batch max calls", min = "1", max = "100000",
            description = "Provider calls grouped into one version at most. 1..100000.")
    int batch_max_calls() default 1000;

    @AttributeDefinition(name = "Batch idle (ms)", min = "1", max = "1000",
            description = "A batch of provider calls closes after this long without a call. 1..1000.")
    long batch_idle_ms() default 10;

    @AttributeDefinition(name = "Batch max (ms)", min = "1", max = "10000",
            description = "A batch closes this long after it opened, however busy. >= batch.idle.ms, <= 10000.")
    long batch_max_ms() default 50;

    @AttributeDefinition(name = "Synchronous statistics up to (nodes)", min = "0", max = "100000",
            description = "Above this many UP nodes, statistics are computed in the background. 0..100000.")
    int statistics_sync_max_nodes() default 2000;

    @AttributeDefinition(name = "Analytics threads", min = "0", max = "64",
            description = "Threads for whole-mesh analytics; 0 means one per core.")
    int analytics_threads() default 0;
}
