package io.x0tta6bl4.respondd.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the PID {@code io.x0tta6bl4.respondd}. */
@ObjectClassDefinition(id = RespondConfig.PID, name = "x0tta6bl4 respondd",
        description = "respondd responder: what this node tells community collectors (yanic, meshviewer) and to whom")
@interface RespondConfiguration {

    @AttributeDefinition(description = "Whether the responder listens.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Mesh interface", description = "Interface whose multicast groups are joined and whose neighbours are answered.")
    String interface$() default "bat0";

    @AttributeDefinition(description = "UDP port (respondd's is 1001; below 1024 needs CAP_NET_BIND_SERVICE).")
    int port() default 1001;

    @AttributeDefinition(description = "IPv6 multicast groups joined on the mesh interface.")
    String groups() default "ff02::2:1001,ff05::2:1001";

    @AttributeDefinition(name = "Reply cap", description = "Largest reply datagram in bytes (512-65000); yanic reads 8192 at most.")
    int reply_max_bytes() default 8192;

    @AttributeDefinition(description = "Replies per second to all sources together.")
    double replies_per_second() default 50;

    @AttributeDefinition(description = "Replies per second to one source.")
    double replies_per_source_per_second() default 5;

    @AttributeDefinition(description = "Further source prefixes answered besides the mesh interface's own (e.g. fd00::/64).")
    String allow_sources() default "";

    @AttributeDefinition(description = "respondd node id (12 hex digits); empty: the batman-adv primary MAC, else a host MAC.")
    String node_id() default "";

    @AttributeDefinition(description = "Hostname announced; empty: the system's.")
    String hostname() default "";

    @AttributeDefinition(description = "Community site code.")
    String site_code() default "";

    @AttributeDefinition(description = "Latitude in decimal degrees (with the longitude, or neither).")
    String location_latitude() default "";

    @AttributeDefinition(description = "Longitude in decimal degrees.")
    String location_longitude() default "";

    @AttributeDefinition(description = "Operator contact.")
    String contact() default "";

    @AttributeDefinition(description = "Collector: how often the mesh is asked for nodeinfo and statistics (ms); 0: no collector.")
    long collect_interval_ms() default 60_000;

    @AttributeDefinition(description = "Collector: how long a round waits for replies (ms).")
    int collect_wait_ms() default 3000;

    @AttributeDefinition(description = "Collector: most nodes believed in one round.")
    int collect_max_nodes() default 2048;

    @AttributeDefinition(description = "Collector: unicast addresses also asked every round ([v6]:port, v4:port or a bare address for port 1001); they must pass the same source rule (allow.sources).")
    String collect_targets() default "";
}
