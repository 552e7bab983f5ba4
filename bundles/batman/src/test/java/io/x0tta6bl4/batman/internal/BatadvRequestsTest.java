package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import io.x0tta6bl4.batman.internal.netlink.Attributes;
import io.x0tta6bl4.batman.internal.netlink.GenlMessage;
import io.x0tta6bl4.batman.internal.netlink.NetlinkMessage;

import org.junit.jupiter.api.Test;

/**
 * The SET_HARDIF requests of steer-link, read back with the parser that reads the kernel's
 * replies, against the header of the request the captured dumps were made with.
 */
class BatadvRequestsTest {

    private static final int FAMILY = 0x1c; // as in the captures
    private static final int BAT0 = 4;
    private static final int VBC = 3;

    @Test
    void hopPenaltyNamesTheMeshTheHardInterfaceAndTheValue() {
        GenlMessage m = single(BatadvRequests.setHopPenalty(FAMILY, BAT0, VBC, 128, 7), 7);
        assertEquals(Batadv.CMD_SET_HARDIF, m.cmd());
        Attributes a = m.attrs();
        assertEquals(List.of(Batadv.ATTR_MESH_IFINDEX, Batadv.ATTR_HARD_IFINDEX, Batadv.ATTR_HOP_PENALTY),
                a.all().stream().map(x -> x.type()).toList());
        assertEquals(BAT0, a.u32(Batadv.ATTR_MESH_IFINDEX));
        assertEquals(VBC, a.u32(Batadv.ATTR_HARD_IFINDEX));
        assertEquals(128, a.u8(Batadv.ATTR_HOP_PENALTY));
    }

    @Test
    void throughputOverrideIsAU32In100KbitUnits() {
        GenlMessage m = single(BatadvRequests.setThroughputOverride(FAMILY, BAT0, VBC, 10, 8), 8);
        assertEquals(Batadv.CMD_SET_HARDIF, m.cmd());
        assertEquals(10L, m.attrs().u32(Batadv.ATTR_THROUGHPUT_OVERRIDE));
        assertEquals(VBC, m.attrs().u32(Batadv.ATTR_HARD_IFINDEX));
    }

    @Test
    void aServerModeCarriesItsBandwidthAndOffOnlyTheMode() {
        GenlMessage server = single(BatadvRequests.setGatewayMode(FAMILY, BAT0,
                new GatewayMode(GatewayMode.SERVER, 100, 20), 9), 9);
        assertEquals(Batadv.CMD_SET_MESH, server.cmd());
        assertEquals(List.of(Batadv.ATTR_MESH_IFINDEX, Batadv.ATTR_GW_MODE, Batadv.ATTR_GW_BANDWIDTH_DOWN,
                Batadv.ATTR_GW_BANDWIDTH_UP), server.attrs().all().stream().map(x -> x.type()).toList());
        assertEquals(Batadv.GW_MODE_SERVER, server.attrs().u8(Batadv.ATTR_GW_MODE));
        assertEquals(100L, server.attrs().u32(Batadv.ATTR_GW_BANDWIDTH_DOWN));
        assertEquals(20L, server.attrs().u32(Batadv.ATTR_GW_BANDWIDTH_UP));

        GenlMessage off = single(BatadvRequests.setGatewayMode(FAMILY, BAT0, new GatewayMode(GatewayMode.OFF, 100, 20), 10), 10);
        assertEquals(List.of(Batadv.ATTR_MESH_IFINDEX, Batadv.ATTR_GW_MODE),
                off.attrs().all().stream().map(x -> x.type()).toList());
        assertEquals(Batadv.GW_MODE_OFF, off.attrs().u8(Batadv.ATTR_GW_MODE));
    }

    @Test
    void theHeaderIsTheCapturedRequestsButForCommandFlagsAndSequence() {
        byte[] captured = Fixtures.bytes("steady", "B", "genl-GET_HARDIF.req.bin");
        byte[] ours = BatadvRequests.setHopPenalty(FAMILY, BAT0, VBC, 0, 2);
        // nlmsg type (the family) at 4..6, genl version at 17
        assertArrayEquals(Arrays.copyOfRange(captured, 4, 6), Arrays.copyOfRange(ours, 4, 6));
        assertEquals(captured[17], ours[17]);
        // MESH_IFINDEX is the first attribute in both, byte for byte
        assertArrayEquals(Arrays.copyOfRange(captured, 20, 28), Arrays.copyOfRange(ours, 20, 28));
    }

    private static GenlMessage single(byte[] request, int seq) {
        List<NetlinkMessage> all = NetlinkMessage.parseAll(request);
        assertEquals(1, all.size());
        NetlinkMessage n = all.get(0);
        assertEquals(FAMILY, n.type());
        assertEquals(NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, n.flags());
        assertEquals(seq, n.seq());
        GenlMessage g = GenlMessage.parse(n);
        assertEquals(Batadv.GENL_VERSION, g.version());
        return g;
    }
}
