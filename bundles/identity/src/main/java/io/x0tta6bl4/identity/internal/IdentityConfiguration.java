package io.x0tta6bl4.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of the PID {@code io.x0tta6bl4.identity}, for consoles and documentation. The
 * component reads the raw properties through {@link IdentityConfigReader}, which enforces the rules.
 */
@ObjectClassDefinition(id = "io.x0tta6bl4.identity", name = "x0tta6bl4 identity",
        description = "SPIFFE identity of this node, peer attestation and the mTLS control listener")
@interface IdentityConfiguration {

    @AttributeDefinition(name = "Source", options = {
            @Option(value = "auto"),
            @Option(value = "workload"),
            @Option(value = "files"),
            @Option(value = "none")},
            description = "auto: the Workload API when a socket is configured or SPIFFE_ENDPOINT_SOCKET is set, "
                    + "else the files when files.svid is set, else none")
    String source() default "auto";

    @AttributeDefinition(name = "Workload API socket", required = false,
            description = "unix:/path or a path; empty: SPIFFE_ENDPOINT_SOCKET")
    String workload_socket() default "";

    @AttributeDefinition(name = "Workload API timeout (ms)", description = "500..600000")
    long workload_timeout_ms() default 10_000;

    @AttributeDefinition(name = "SVID file", required = false, description = "PEM chain, leaf first")
    String files_svid() default "";

    @AttributeDefinition(name = "Key file", required = false, description = "PEM private key (PKCS#8 or SEC1)")
    String files_key() default "";

    @AttributeDefinition(name = "Bundle file", required = false, description = "PEM trust bundle")
    String files_bundle() default "";

    @AttributeDefinition(name = "File poll interval (ms)", description = "100..600000")
    long files_poll_ms() default 2000;

    @AttributeDefinition(name = "Development identity", description = "Set by identity:bootstrap")
    boolean development() default false;

    @AttributeDefinition(name = "Trust domain", required = false,
            description = "Peers must be in this trust domain; empty: the trust domain of this node's SVID")
    String trust_domain() default "";

    @AttributeDefinition(name = "Node ID pattern",
            description = "SPIFFE ID of a node: {trust-domain} and one {node-id} in the path")
    String id_pattern() default "spiffe://{trust-domain}/mesh/node/{node-id}";

    @AttributeDefinition(name = "Node id", required = false, description = "This node's id; empty: the host name")
    String node_id() default "";

    @AttributeDefinition(name = "mTLS listener enabled")
    boolean listener_enabled() default true;

    @AttributeDefinition(name = "mTLS listener addresses", description = "IP addresses, comma separated")
    String listener_addresses() default "127.0.0.1";

    @AttributeDefinition(name = "mTLS listener port", description = "0..65535, 0: any free port")
    int listener_port() default 7443;

    @AttributeDefinition(name = "Connect timeout (ms)", description = "100..60000")
    int connect_timeout_ms() default 3000;

    @AttributeDefinition(name = "Handshake timeout (ms)", description = "100..60000")
    int handshake_timeout_ms() default 5000;

    @AttributeDefinition(name = "Expiry check interval (ms)", description = "100..600000")
    long check_interval_ms() default 5000;

    @AttributeDefinition(name = "Listener grace time (ms)",
            description = "Deadline of a whole listener connection, accept to close (like LoginGraceTime); 100..600000")
    int listener_grace_ms() default 10_000;

    @AttributeDefinition(name = "Pending handshakes per source",
            description = "Handshakes one source address may have pending at once; 1..1024")
    int listener_max_per_source() default 4;

    @AttributeDefinition(name = "Listener max startups", description = "start:rate:full (like MaxStartups): from "
            + "start pending handshakes each new connection drops the oldest pending one with probability rate% "
            + "rising to 100% at full; 1 <= start <= full <= 1024")
    String listener_max_startups() default "10:30:32";

    @AttributeDefinition(name = "Peer event burst",
            description = "PEER_ATTESTATION_FAILED / PEER_UNATTESTED events of one kind posted at once; 1..10000")
    int events_burst() default 10;

    @AttributeDefinition(name = "Peer events per minute", description = "Of one kind, in the long run; 1..100000")
    int events_per_minute() default 30;

    @AttributeDefinition(name = "Peer event burst per subject", description = "Of one kind about one subject; 1..10000")
    int events_subject_burst() default 2;

    @AttributeDefinition(name = "Peer events per subject per minute",
            description = "Of one kind about one subject, in the long run; 1..100000")
    int events_subject_per_minute() default 2;
}
