package io.x0tta6bl4.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of the PID {@code io.x0tta6bl4.web}. The port and listening address are Pax Web's
 * ({@code etc/org.ops4j.pax.web.cfg}); these keys say who may do what.
 */
@ObjectClassDefinition(id = WebConfig.PID, name = "x0tta6bl4 web",
        description = "Health, metrics, REST API and topology page: authentication of writes and sensitive reads")
@interface WebConfiguration {

    @AttributeDefinition(name = "JAAS realm", description = "Realm HTTP Basic credentials are checked against.")
    String auth_realm() default "karaf";

    @AttributeDefinition(name = "Write role", description = "Role a user needs for writes (quarantine, approve, dry-run).")
    String auth_write_role() default "admin";

    @AttributeDefinition(name = "Read role", description = "Role a user needs to read incidents, findings and the quarantine list.")
    String auth_read_role() default "viewer";

    @AttributeDefinition(name = "Sensitive reads need authentication",
            description = "Whether incidents, findings and the quarantine list need a user with the read role.")
    boolean auth_sensitive_reads() default true;

    @AttributeDefinition(name = "Identity must be ready",
            description = "Whether /ready needs the node identity READY when the identity bundle is installed.")
    boolean ready_identity() default true;

    @AttributeDefinition(name = "Per-node and per-link series",
            description = "Most x0tta6bl4_node_* and x0tta6bl4_link_* series /metrics writes (0-1000000);"
                    + " x0tta6bl4_metrics_series_left_out counts the rest.")
    int metrics_series_max() default 10_000;

    @AttributeDefinition(name = "Map tiles", description = "Tile URL template for the topology page's map view, with {z}, {x}"
            + " and {y} (for example https://tile.openstreetmap.org/{z}/{x}/{y}.png); empty: a map without tiles.")
    String map_tiles() default "";

    @AttributeDefinition(name = "Map attribution", description = "Shown under the map when tiles are drawn (the tile"
            + " provider's terms usually ask for it); at most 200 characters.")
    String map_attribution() default "";
}
