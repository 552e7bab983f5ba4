package io.x0tta6bl4.batman.internal;

import io.x0tta6bl4.batman.internal.netlink.MessageWriter;
import io.x0tta6bl4.batman.internal.netlink.NetlinkMessage;

/** The request messages sent to the batadv family, byte for byte what batctl sends. */
public final class BatadvRequests {

    private BatadvRequests() {
    }

    /** A dump of one table of the mesh interface (originators, neighbours, hard interfaces, ...). */
    public static byte[] dump(int familyId, int cmd, int meshIfindex, int seq) {
        return new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, seq)
                .genl(cmd, Batadv.GENL_VERSION)
                .u32(Batadv.ATTR_MESH_IFINDEX, meshIfindex)
                .toBytes();
    }

    /** GET_MESH: a single reply followed by the acknowledgement. */
    public static byte[] mesh(int familyId, int meshIfindex, int seq) {
        return new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq)
                .genl(Batadv.CMD_GET_MESH, Batadv.GENL_VERSION)
                .u32(Batadv.ATTR_MESH_IFINDEX, meshIfindex)
                .toBytes();
    }

    /** The routing algorithms the module offers; not tied to a mesh interface. */
    public static byte[] routingAlgorithms(int familyId, int seq) {
        return new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, seq)
                .genl(Batadv.CMD_GET_ROUTING_ALGOS, Batadv.GENL_VERSION)
                .toBytes();
    }

    /** SET_MESH with the OGM interval. */
    public static byte[] setOrigInterval(int familyId, int meshIfindex, long intervalMs, int seq) {
        return new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq)
                .genl(Batadv.CMD_SET_MESH, Batadv.GENL_VERSION)
                .u32(Batadv.ATTR_MESH_IFINDEX, meshIfindex)
                .u32(Batadv.ATTR_ORIG_INTERVAL, intervalMs)
                .toBytes();
    }

    /** SET_HARDIF with the throughput (100 kbit/s units, 0: measured) B.A.T.M.A.N. V assumes for one hard interface. */
    public static byte[] setThroughputOverride(int familyId, int meshIfindex, int hardIfindex, long override, int seq) {
        return new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq)
                .genl(Batadv.CMD_SET_HARDIF, Batadv.GENL_VERSION)
                .u32(Batadv.ATTR_MESH_IFINDEX, meshIfindex)
                .u32(Batadv.ATTR_HARD_IFINDEX, hardIfindex)
                .u32(Batadv.ATTR_THROUGHPUT_OVERRIDE, override)
                .toBytes();
    }

    /** SET_HARDIF with a hop penalty for one hard interface. */
    public static byte[] setHopPenalty(int familyId, int meshIfindex, int hardIfindex, int penalty, int seq) {
        return new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq)
                .genl(Batadv.CMD_SET_HARDIF, Batadv.GENL_VERSION)
                .u32(Batadv.ATTR_MESH_IFINDEX, meshIfindex)
                .u32(Batadv.ATTR_HARD_IFINDEX, hardIfindex)
                .u8(Batadv.ATTR_HOP_PENALTY, penalty)
                .toBytes();
    }

    /**
     * SET_MESH with a gateway mode; a server's announced bandwidth (100 kbit/s) goes with it, as
     * batctl sends it, since the kernel keeps the last bandwidth set.
     */
    public static byte[] setGatewayMode(int familyId, int meshIfindex, GatewayMode mode, int seq) {
        MessageWriter w = new MessageWriter(familyId, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq)
                .genl(Batadv.CMD_SET_MESH, Batadv.GENL_VERSION)
                .u32(Batadv.ATTR_MESH_IFINDEX, meshIfindex)
                .u8(Batadv.ATTR_GW_MODE, mode.kernelMode());
        if (mode.isServer()) {
            w.u32(Batadv.ATTR_GW_BANDWIDTH_DOWN, mode.downUnits()).u32(Batadv.ATTR_GW_BANDWIDTH_UP, mode.upUnits());
        }
        return w.toBytes();
    }
}
