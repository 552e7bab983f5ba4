package io.x0tta6bl4.api.topology;

/**
 * Keys of {@link Node#attributes()} that more than one bundle reads or writes: what a node
 * says about itself (respondd's nodeinfo and statistics, a simulator's model), as providers
 * report it and exports (meshviewer.json, {@code /metrics}, {@code mesh:node}) show it. Values
 * are strings; numbers are written in plain decimal ({@code Long.toString},
 * {@code Double.toString}). A key a provider does not know is left out, never set to a
 * placeholder.
 *
 * @since 1.3
 */
public final class NodeAttributes {

    /** The node's own name (respondd {@code nodeinfo.hostname}). */
    public static final String HOSTNAME = "hostname";
    /** The node's id in respondd and meshviewer: its primary MAC without colons, as Gluon writes it. */
    public static final String RESPONDD_NODE_ID = "respondd.node_id";
    /** Hardware model (respondd {@code nodeinfo.hardware.model}). */
    public static final String MODEL = "model";
    /** Firmware release (respondd {@code nodeinfo.software.firmware.release}). */
    public static final String FIRMWARE = "firmware";
    /** Community site code (respondd {@code nodeinfo.system.site_code}). */
    public static final String SITE = "site";
    /** Geographic latitude in decimal degrees (respondd {@code nodeinfo.location.latitude}). */
    public static final String LATITUDE = "location.latitude";
    /** Geographic longitude in decimal degrees (respondd {@code nodeinfo.location.longitude}). */
    public static final String LONGITUDE = "location.longitude";
    /** Operator contact (respondd {@code nodeinfo.owner.contact}). */
    public static final String CONTACT = "contact";
    /** Clients in the node's local translation table, all media (respondd {@code statistics.clients.total}). */
    public static final String CLIENTS = "clients";
    /** Clients on 2.4 GHz radios. */
    public static final String CLIENTS_WIFI24 = "clients.wifi24";
    /** Clients on 5 GHz radios. */
    public static final String CLIENTS_WIFI5 = "clients.wifi5";
    /** Seconds since the node booted (respondd {@code statistics.uptime}). */
    public static final String UPTIME_S = "uptime.s";
    /**
     * Bytes the node received on its mesh interface since it booted (respondd
     * {@code statistics.traffic.rx.bytes}).
     *
     * @since 1.4
     */
    public static final String TRAFFIC_RX_BYTES = "traffic.rx.bytes";
    /**
     * Bytes the node sent on its mesh interface since it booted (respondd {@code statistics.traffic.tx.bytes}).
     *
     * @since 1.4
     */
    public static final String TRAFFIC_TX_BYTES = "traffic.tx.bytes";
    /** MAC address of the gateway the node selected (respondd {@code statistics.gateway}). */
    public static final String GATEWAY = "gateway";
    /** MAC address of its next hop towards that gateway (respondd {@code statistics.gateway_nexthop}). */
    public static final String GATEWAY_NEXTHOP = "gateway.nexthop";
    /**
     * {@code true} when what the node said about itself (respondd reply) was signed by its
     * attested SVID, {@code false} when it was not or the signature did not verify.
     */
    public static final String VERIFIED = "respondd.verified";

    private NodeAttributes() {
    }
}
