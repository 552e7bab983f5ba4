package io.x0tta6bl4.batman.internal;

import static io.x0tta6bl4.batman.internal.Batadv.*;

import io.x0tta6bl4.batman.internal.netlink.Attributes;
import io.x0tta6bl4.batman.internal.netlink.NetlinkFormatException;

/** Turns the attributes of one batadv dump entry into a typed row; missing required attributes are format errors. */
public final class BatadvDecoder {

    private BatadvDecoder() {
    }

    public static Originator originator(Attributes a) {
        Integer tq = a.u8(ATTR_TQ);
        Long throughput = a.u32(ATTR_THROUGHPUT);
        if (tq == null && throughput == null) {
            throw new NetlinkFormatException("originator entry has neither TQ nor THROUGHPUT");
        }
        return new Originator(a.requireMac(ATTR_ORIG_ADDRESS, "ORIG_ADDRESS"),
                a.requireMac(ATTR_NEIGH_ADDRESS, "NEIGH_ADDRESS"),
                requireString(a, ATTR_HARD_IFNAME, "HARD_IFNAME"),
                (int) a.requireU32(ATTR_HARD_IFINDEX, "HARD_IFINDEX"),
                a.requireU32(ATTR_LAST_SEEN_MSECS, "LAST_SEEN_MSECS"),
                tq, throughput, a.flag(ATTR_FLAG_BEST));
    }

    public static Neighbor neighbor(Attributes a) {
        return new Neighbor(a.requireMac(ATTR_NEIGH_ADDRESS, "NEIGH_ADDRESS"),
                requireString(a, ATTR_HARD_IFNAME, "HARD_IFNAME"),
                (int) a.requireU32(ATTR_HARD_IFINDEX, "HARD_IFINDEX"),
                a.requireU32(ATTR_LAST_SEEN_MSECS, "LAST_SEEN_MSECS"),
                a.u32(ATTR_THROUGHPUT));
    }

    public static HardInterface hardInterface(Attributes a) {
        return new HardInterface(requireString(a, ATTR_HARD_IFNAME, "HARD_IFNAME"),
                (int) a.requireU32(ATTR_HARD_IFINDEX, "HARD_IFINDEX"),
                a.requireMac(ATTR_HARD_ADDRESS, "HARD_ADDRESS"),
                a.flag(ATTR_ACTIVE), a.u8(ATTR_HOP_PENALTY), a.u32(ATTR_THROUGHPUT_OVERRIDE));
    }

    public static MeshInfo mesh(Attributes a) {
        return new MeshInfo(requireString(a, ATTR_VERSION, "VERSION"),
                requireString(a, ATTR_ALGO_NAME, "ALGO_NAME"),
                requireString(a, ATTR_MESH_IFNAME, "MESH_IFNAME"),
                (int) a.requireU32(ATTR_MESH_IFINDEX, "MESH_IFINDEX"),
                a.requireMac(ATTR_MESH_ADDRESS, "MESH_ADDRESS"),
                a.string(ATTR_HARD_IFNAME), a.mac(ATTR_HARD_ADDRESS), a.u32(ATTR_ORIG_INTERVAL), gatewayMode(a));
    }

    /** GW_MODE with the announced bandwidth; null when the kernel reports no mode. */
    private static GatewayMode gatewayMode(Attributes a) {
        Integer mode = a.u8(ATTR_GW_MODE);
        if (mode == null) {
            return null;
        }
        Long down = a.u32(ATTR_GW_BANDWIDTH_DOWN);
        Long up = a.u32(ATTR_GW_BANDWIDTH_UP);
        try {
            return GatewayMode.of(mode, down == null ? 0 : down, up == null ? 0 : up);
        } catch (IllegalArgumentException e) {
            throw new NetlinkFormatException(e.getMessage());
        }
    }

    public static Gateway gateway(Attributes a) {
        return new Gateway(a.requireMac(ATTR_ORIG_ADDRESS, "ORIG_ADDRESS"), a.mac(ATTR_ROUTER),
                a.string(ATTR_HARD_IFNAME), a.flag(ATTR_FLAG_BEST), a.u8(ATTR_TQ), a.u32(ATTR_THROUGHPUT),
                a.u32(ATTR_BANDWIDTH_DOWN), a.u32(ATTR_BANDWIDTH_UP));
    }

    public static TranslationEntry translation(Attributes a) {
        Long flags = a.u32(ATTR_TT_FLAGS);
        return new TranslationEntry(a.requireMac(ATTR_TT_ADDRESS, "TT_ADDRESS"), a.mac(ATTR_ORIG_ADDRESS),
                vlan(a.u16(ATTR_TT_VID)), flags == null ? 0 : flags, a.flag(ATTR_FLAG_BEST));
    }

    /** BATADV_VLAN_HAS_TAG: the kernel's TT_VID carries it beside the 12-bit VLAN id. */
    static final int VLAN_HAS_TAG = 0x8000;

    /**
     * The VLAN id as batctl prints it (its BATADV_PRINT_VID): the 12 low bits of a tagged entry,
     * 0 for an untagged one (where batctl prints -1), so both backends give one meaning.
     */
    static int vlan(Integer raw) {
        return raw == null || (raw & VLAN_HAS_TAG) == 0 ? 0 : raw & 0x0fff;
    }

    private static String requireString(Attributes a, int type, String name) {
        String v = a.string(type);
        if (v == null) {
            throw new NetlinkFormatException("missing attribute " + name + " (" + type + ")");
        }
        return v;
    }
}
