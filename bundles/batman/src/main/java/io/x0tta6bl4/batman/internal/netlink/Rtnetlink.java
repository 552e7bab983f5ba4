package io.x0tta6bl4.batman.internal.netlink;

import java.io.IOException;

/** The rtnetlink link messages that create a batman-adv interface and enslave hard interfaces to it. */
public final class Rtnetlink {

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_BATADV_ALGO_NAME = 1;
    public static final int RTM_GETLINK = 18;
    public static final int IFF_UP = 1;
    /** The driver signals carrier (operstate may still be dormant): frames can pass. */
    public static final int IFF_LOWER_UP = 0x10000;
    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    private static final int IFINFOMSG_LENGTH = 16;
    private static final int AF_UNSPEC = 0;
    private static final int NEW = NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK;

    private Rtnetlink() {
    }

    /** {@code ip link add <name> type batadv [ra <algorithm>]}; the algorithm may be null for the module's default. */
    public static byte[] createBatadv(String name, String algorithm, int seq) {
        MessageWriter w = new MessageWriter(RTM_NEWLINK, NEW | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, seq)
                .ifinfo(AF_UNSPEC, 0, 0, 0)
                .string(IFLA_IFNAME, name)
                .beginNested(IFLA_LINKINFO)
                .string(IFLA_INFO_KIND, "batadv");
        if (algorithm != null) {
            w.beginNested(IFLA_INFO_DATA).string(IFLA_BATADV_ALGO_NAME, algorithm).endNested();
        }
        return w.endNested().toBytes();
    }

    /** {@code ip link set <ifindex> master <master>}; master 0 releases it ({@code nomaster}). */
    public static byte[] setMaster(int ifindex, int masterIfindex, int seq) {
        return new MessageWriter(RTM_NEWLINK, NEW, seq)
                .ifinfo(AF_UNSPEC, ifindex, 0, 0)
                .u32(IFLA_MASTER, masterIfindex)
                .toBytes();
    }

    /** {@code ip link set <ifindex> up|down}. */
    public static byte[] setUp(int ifindex, boolean up, int seq) {
        return new MessageWriter(RTM_NEWLINK, NEW, seq)
                .ifinfo(AF_UNSPEC, ifindex, up ? IFF_UP : 0, IFF_UP)
                .toBytes();
    }

    /** {@code ip link del <ifindex>}. */
    public static byte[] delete(int ifindex, int seq) {
        return new MessageWriter(RTM_DELLINK, NEW, seq).ifinfo(AF_UNSPEC, ifindex, 0, 0).toBytes();
    }

    /** {@code ip link show <ifindex>}: one RTM_NEWLINK reply. */
    public static byte[] getLink(int ifindex, int seq) {
        return new MessageWriter(RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST, seq).ifinfo(AF_UNSPEC, ifindex, 0, 0).toBytes();
    }

    /**
     * The interface flags ({@code ifi_flags}) of an RTM_NEWLINK reply.
     *
     * @throws NetlinkFormatException when it is not one or is too short
     */
    public static int linkFlags(NetlinkMessage reply) {
        if (reply.type() != RTM_NEWLINK || reply.payload().length < IFINFOMSG_LENGTH) {
            throw new NetlinkFormatException("not an RTM_NEWLINK reply with an ifinfomsg (type " + reply.type()
                    + ", " + reply.payload().length + " bytes)");
        }
        return java.nio.ByteBuffer.wrap(reply.payload(), 8, 4).order(java.nio.ByteOrder.nativeOrder()).getInt();
    }

    /** Sends one of the messages above and waits for its acknowledgement. */
    public static void execute(NetlinkSocket socket, byte[] message) throws IOException {
        socket.request(message);
    }

    public static int requireIfindex(String name) throws IOException {
        int index = NetlinkSocket.ifindex(name);
        if (index <= 0) {
            throw new IOException("no network interface named '" + name + "'");
        }
        return index;
    }
}
