package io.x0tta6bl4.batman.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of PID {@code io.x0tta6bl4.batman}, for documentation and configuration tools.
 * The component reads the raw properties itself (see {@link BatmanConfigReader}).
 */
@ObjectClassDefinition(name = "x0tta6bl4 batman-adv provider",
        description = "Reports the batman-adv mesh (originators, one-hop links with TQ or throughput) to the topology service.")
public @interface BatmanConfiguration {

    @AttributeDefinition(name = "Mesh interface", description = "batman-adv mesh interface.")
    String mesh_interface() default "bat0";

    @AttributeDefinition(name = "Backend", description = "How batman-adv is read.",
            options = {@Option(label = "generic netlink", value = "netlink"), @Option(label = "batctl JSON", value = "batctl")})
    String backend() default "netlink";

    @AttributeDefinition(name = "batctl", description = "batctl executable for the batctl backend.")
    String batctl() default "batctl";

    @AttributeDefinition(name = "Poll interval (ms)", description = "100..60000.")
    long poll_interval_ms() default 1000;

    @AttributeDefinition(name = "Down after (ms)", description = "An originator silent longer than this is down. 500..199000.")
    long down_after_ms() default 5000;

    @AttributeDefinition(name = "Degraded TQ", description = "A one-hop link under this TQ (B.A.T.M.A.N. IV) is degraded. 0..255.")
    int degraded_tq() default 100;

    @AttributeDefinition(name = "Degraded throughput (Mbit/s)", description = "A one-hop link under this throughput (B.A.T.M.A.N. V) is degraded.")
    double degraded_throughput_mbps() default 1.0;

    @AttributeDefinition(name = "Hard interfaces", description = "Comma-separated interfaces to add to the mesh at start.")
    String hard_interfaces() default "";

    @AttributeDefinition(name = "Routing algorithm", description = "BATMAN_IV or BATMAN_V when the mesh interface is created; empty for the module default.")
    String routing_algorithm() default "";

    @AttributeDefinition(name = "alfred socket", description = "alfred's Unix socket.")
    String alfred_socket() default "/var/run/alfred.sock";

    @AttributeDefinition(name = "Facts data type", description = "alfred data type of this node's facts, 64..255.")
    int facts_type() default 100;

    @AttributeDefinition(name = "Facts interval (ms)", description = "How often facts are published; 0 disables. 0 or 1000..3600000.")
    long facts_interval_ms() default 10000;

    @AttributeDefinition(name = "batadv-vis interval (ms)", description = "How often batadv-vis records (alfred type 1) are read for links between other nodes; 0 disables. 0 or 1000..3600000.")
    long vis_interval_ms() default 10000;

    @AttributeDefinition(name = "Attestation interval (ms)", description = "How often peers that publish an mTLS control endpoint in their facts are attested when due (new, changed, failed a while ago, or attested long ago); 0 disables. 0 or 1000..3600000.")
    long attest_interval_ms() default 5000;

    @AttributeDefinition(name = "steer-link hop penalty", description = "Hop penalty steer-link gives the hard interface of a degraded link (B.A.T.M.A.N. IV). 1..255.")
    int steer_hop_penalty() default 128;

    @AttributeDefinition(name = "steer-link throughput (Mbit/s)", description = "Throughput steer-link makes B.A.T.M.A.N. V assume for the hard interface of a degraded link. 0.1..100000.")
    double steer_throughput_mbps() default 1.0;

    @AttributeDefinition(name = "steer-link hold (ms)", description = "How long a steered link stays steered. 10000..86400000.")
    long steer_hold_ms() default 600_000;

    @AttributeDefinition(name = "steer-link verify (ms)", description = "How long the originator table may take to show the routes moved; below healing's action.timeout.ms. 1000..60000.")
    long steer_verify_ms() default 8_000;

    @AttributeDefinition(name = "Facts maximum age (ms)", description = "Signed facts whose signed timestamp is older than this (or as far in the future) are refused; 0 means six facts intervals, at least 60 s. 0 or 5000..86400000.")
    long facts_max_age_ms() default 0;

    @AttributeDefinition(name = "Gateway uplink targets", required = false, description = "What the uplink of this gateway must reach: icmp:<host> or tcp:<host>:<port> (a refusal counts as an answer), comma-separated, at most 16; none: the uplink is not watched.")
    String gateway_uplink_targets() default "";

    @AttributeDefinition(name = "Gateway uplink interface", required = false, description = "The interface uplink probes leave through; empty: wherever routing sends them.")
    String gateway_uplink_interface() default "";

    @AttributeDefinition(name = "Gateway uplink probe interval (ms)", description = "Time between probe rounds. 200..60000.")
    long gateway_uplink_interval_ms() default 1000;

    @AttributeDefinition(name = "Gateway uplink probe timeout (ms)", description = "Deadline of one probe round. 100..30000.")
    long gateway_uplink_timeout_ms() default 800;

    @AttributeDefinition(name = "Gateway uplink failures", description = "Failed rounds in a row that make the uplink down. 1..20.")
    int gateway_uplink_failures() default 2;

    @AttributeDefinition(name = "Gateway hold-down (ms)", description = "How long every round must answer before a demoted gateway is a gateway again. 0..86400000.")
    long gateway_holddown_ms() default 60_000;

    @AttributeDefinition(name = "Backup interface", required = false, description = "A standby hard interface (a tunnel, a second radio) backup-link adds to the mesh while a partition lasts; empty: none. Not one of hard.interfaces.")
    String backup_interface() default "";

    @AttributeDefinition(name = "Backup hold (ms)", description = "The least time the backup interface stays once added. 0..86400000.")
    long backup_hold_ms() default 60_000;

    @AttributeDefinition(name = "Withdraw maximum (ms)", description = "The longest withdraw-interface keeps a flapping link's hard interface out of the mesh; it goes back earlier when healing releases the damping. 1000..86400000.")
    long withdraw_max_ms() default 3_600_000;
}
