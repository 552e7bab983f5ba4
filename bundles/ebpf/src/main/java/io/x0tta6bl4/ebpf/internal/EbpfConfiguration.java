package io.x0tta6bl4.ebpf.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of the PID {@code io.x0tta6bl4.ebpf}. The component reads the raw properties
 * through {@link EbpfConfigReader}, which enforces the rules stated here.
 */
@ObjectClassDefinition(id = "io.x0tta6bl4.ebpf", name = "x0tta6bl4 ebpf",
        description = "XDP mesh guard: per-peer counters, quarantine and enforcement of attested peers")
@interface EbpfConfiguration {

    @AttributeDefinition(name = "Mesh interfaces", required = false,
            description = "Interfaces to attach mesh_guard to: ifname or netns/ifname, comma separated. Empty by default.")
    String[] interfaces() default {};

    @AttributeDefinition(name = "Enforce at start",
            description = "Drop frames from peers not on the allow list (attestation traffic excepted).")
    boolean enforce() default false;

    @AttributeDefinition(name = "Allowed peers", required = false,
            description = "MACs on the allow list at start, comma separated.")
    String[] allowed() default {};

    @AttributeDefinition(name = "Attestation port", min = "0", max = "65535",
            description = "TCP port of attestation: under enforcement TCP to it, and from it with ACK set, passes; 0 for none.")
    int attest_port() default 7443;

    @AttributeDefinition(name = "Load on start",
            description = "Load mesh_guard into the kernel when the bundle starts, even with no interface.")
    boolean load_on_start() default true;

    @AttributeDefinition(name = "Health interval (ms)", min = "100",
            description = "How often drop counters are read for health events.")
    long health_interval_ms() default 1000;

    @AttributeDefinition(name = "Health interval per peer (ms)", min = "0",
            description = "At most one health event per peer and kind in this time.")
    long health_peer_interval_ms() default 10_000;

    @AttributeDefinition(name = "Health events a minute", min = "1",
            description = "At most this many health events a minute in all.")
    int health_max_per_minute() default 60;
}
