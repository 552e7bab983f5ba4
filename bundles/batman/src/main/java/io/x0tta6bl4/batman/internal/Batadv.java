package io.x0tta6bl4.batman.internal;

/**
 * Numbers of the batman-adv generic netlink family, from the kernel's uapi
 * {@code linux/batman_adv.h}. They are ABI: new ones are only ever appended.
 */
public final class Batadv {

    public static final String FAMILY = "batadv";
    public static final int GENL_VERSION = 1;

    // enum batadv_nl_commands
    public static final int CMD_GET_MESH = 1;
    public static final int CMD_GET_ROUTING_ALGOS = 4;
    public static final int CMD_GET_HARDIF = 5;
    public static final int CMD_GET_TRANSTABLE_LOCAL = 6;
    public static final int CMD_GET_TRANSTABLE_GLOBAL = 7;
    public static final int CMD_GET_ORIGINATORS = 8;
    public static final int CMD_GET_NEIGHBORS = 9;
    public static final int CMD_GET_GATEWAYS = 10;
    public static final int CMD_SET_MESH = 15;
    public static final int CMD_SET_HARDIF = 16;

    // enum batadv_nl_attrs
    public static final int ATTR_VERSION = 1;
    public static final int ATTR_ALGO_NAME = 2;
    public static final int ATTR_MESH_IFINDEX = 3;
    public static final int ATTR_MESH_IFNAME = 4;
    public static final int ATTR_MESH_ADDRESS = 5;
    public static final int ATTR_HARD_IFINDEX = 6;
    public static final int ATTR_HARD_IFNAME = 7;
    public static final int ATTR_HARD_ADDRESS = 8;
    public static final int ATTR_ORIG_ADDRESS = 9;
    public static final int ATTR_ACTIVE = 15;
    public static final int ATTR_TT_ADDRESS = 16;
    public static final int ATTR_TT_TTVN = 17;
    public static final int ATTR_TT_LAST_TTVN = 18;
    public static final int ATTR_TT_CRC32 = 19;
    public static final int ATTR_TT_VID = 20;
    public static final int ATTR_TT_FLAGS = 21;
    public static final int ATTR_FLAG_BEST = 22;
    public static final int ATTR_LAST_SEEN_MSECS = 23;
    public static final int ATTR_NEIGH_ADDRESS = 24;
    public static final int ATTR_TQ = 25;
    public static final int ATTR_THROUGHPUT = 26;
    public static final int ATTR_BANDWIDTH_UP = 27;
    public static final int ATTR_BANDWIDTH_DOWN = 28;
    public static final int ATTR_ROUTER = 29;
    public static final int ATTR_AGGREGATED_OGMS_ENABLED = 41;
    public static final int ATTR_BLA_ENABLED = 46;
    public static final int ATTR_GW_BANDWIDTH_DOWN = 49;
    public static final int ATTR_GW_BANDWIDTH_UP = 50;
    public static final int ATTR_GW_MODE = 51;
    public static final int ATTR_GW_SEL_CLASS = 52;
    public static final int ATTR_HOP_PENALTY = 53;
    public static final int ATTR_ORIG_INTERVAL = 57;
    public static final int ATTR_ELP_INTERVAL = 58;
    public static final int ATTR_THROUGHPUT_OVERRIDE = 59;

    // enum batadv_gw_modes (ATTR_GW_MODE)
    public static final int GW_MODE_OFF = 0;
    public static final int GW_MODE_CLIENT = 1;
    public static final int GW_MODE_SERVER = 2;

    public static final String ALGO_IV = "BATMAN_IV";
    public static final String ALGO_V = "BATMAN_V";

    /** batman-adv forgets an originator this long after its last OGM (BATADV_PURGE_TIMEOUT). */
    public static final long PURGE_TIMEOUT_MS = 200_000;

    private Batadv() {
    }
}
