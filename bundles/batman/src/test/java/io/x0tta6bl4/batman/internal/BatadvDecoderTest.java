package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import io.x0tta6bl4.batman.internal.netlink.Attributes;
import io.x0tta6bl4.batman.internal.netlink.GenlMessage;
import io.x0tta6bl4.batman.internal.netlink.NetlinkFormatException;
import io.x0tta6bl4.batman.internal.netlink.NetlinkMessage;
import io.x0tta6bl4.batman.internal.netlink.MessageWriter;

import org.junit.jupiter.api.Test;

class BatadvDecoderTest {

    static <T> List<T> decode(String phase, String node, String cmd, Function<Attributes, T> decoder) {
        return NetlinkMessage.parseAll(Fixtures.bytes(phase, node, "genl-" + cmd + ".resp.bin")).stream()
                .filter(m -> !m.isDone() && !m.isError())
                .map(m -> decoder.apply(GenlMessage.parse(m).attrs()))
                .toList();
    }

    @Test
    void steadyOriginatorsOfA() {
        List<Originator> o = decode("steady", "A", "GET_ORIGINATORS", BatadvDecoder::originator);
        assertEquals(List.of(
                new Originator("02:00:00:00:03:02", "02:00:00:00:02:01", "vAB", 2, 970, 225, null, true),
                new Originator("02:00:00:00:02:01", "02:00:00:00:02:01", "vAB", 2, 450, 255, null, true)), o);
        assertFalse(o.get(0).direct());
        assertTrue(o.get(1).direct());
    }

    @Test
    void linkDownLeavesCWithAGrowingLastSeenUntilThePurge() {
        Originator c = decode("down-5s", "A", "GET_ORIGINATORS", BatadvDecoder::originator).get(0);
        assertEquals("02:00:00:00:03:02", c.address());
        assertEquals(9080, c.lastSeenMs());
        assertTrue(decode("down-final", "A", "GET_ORIGINATORS", BatadvDecoder::originator).stream()
                .noneMatch(x -> x.address().equals("02:00:00:00:03:02")));
    }

    @Test
    void neighborsMeshAndHardInterfaces() {
        assertEquals(List.of(new Neighbor("02:00:00:00:02:01", "vAB", 2, 460, null)),
                decode("steady", "A", "GET_NEIGHBORS", BatadvDecoder::neighbor));
        List<Neighbor> ofB = decode("steady", "B", "GET_NEIGHBORS", BatadvDecoder::neighbor);
        assertEquals(2, ofB.size());

        MeshInfo mesh = decode("steady", "A", "GET_MESH", BatadvDecoder::mesh).get(0);
        assertEquals(new MeshInfo("2022.3", "BATMAN_IV", "bat0", 3, "02:ba:7a:00:00:01", "vAB",
                "02:00:00:00:01:02", 1000L, new GatewayMode(GatewayMode.OFF, 100, 20)), mesh);
        assertFalse(mesh.isBatmanV());

        assertEquals(List.of(new HardInterface("vBA", 2, "02:00:00:00:02:01", true, 0, 0L),
                        new HardInterface("vBC", 3, "02:00:00:00:02:03", true, 0, 0L)),
                decode("steady", "B", "GET_HARDIF", BatadvDecoder::hardInterface));
    }

    @Test
    void translationTables() {
        List<TranslationEntry> global = decode("steady", "A", "GET_TRANSTABLE_GLOBAL", BatadvDecoder::translation);
        assertTrue(global.stream().anyMatch(e -> e.address().equals("33:33:ff:00:00:03")
                && "02:00:00:00:03:02".equals(e.originator()) && e.best()));
        List<TranslationEntry> local = decode("steady", "A", "GET_TRANSTABLE_LOCAL", BatadvDecoder::translation);
        assertTrue(local.stream().anyMatch(e -> e.address().equals("02:ba:7a:00:00:01") && e.originator() == null));
    }

    @Test
    void aTaggedEntrysVlanIsBatctlsVidNotTheRawFieldWithItsTagBit() {
        byte[] tagged = genlPayload(new MessageWriter(28, 2, 1).genl(Batadv.CMD_GET_TRANSTABLE_GLOBAL, 1)
                .attr(Batadv.ATTR_TT_ADDRESS, new byte[] {2, 0, 0, 0, 9, 1})
                .u16(Batadv.ATTR_TT_VID, 0x8000 | 42).toBytes());
        assertEquals(42, BatadvDecoder.translation(Attributes.parse(tagged)).vid());
        byte[] untagged = genlPayload(new MessageWriter(28, 2, 1).genl(Batadv.CMD_GET_TRANSTABLE_GLOBAL, 1)
                .attr(Batadv.ATTR_TT_ADDRESS, new byte[] {2, 0, 0, 0, 9, 1})
                .u16(Batadv.ATTR_TT_VID, 0).toBytes());
        assertEquals(0, BatadvDecoder.translation(Attributes.parse(untagged)).vid());
        // the batctl backend reads what batctl prints for the same entries: 42, and -1 untagged
        assertEquals(42, BatadvDecoder.vlan(0x8000 | 42));
        assertEquals(0, BatadvDecoder.vlan(null));
    }

    @Test
    void batmanVThroughputAndGateways() {
        byte[] payload = genlPayload(new MessageWriter(28, 2, 1).genl(Batadv.CMD_GET_ORIGINATORS, 1)
                .attr(Batadv.ATTR_ORIG_ADDRESS, new byte[] {2, 0, 0, 0, 3, 2})
                .attr(Batadv.ATTR_NEIGH_ADDRESS, new byte[] {2, 0, 0, 0, 2, 1})
                .string(Batadv.ATTR_HARD_IFNAME, "mesh0").u32(Batadv.ATTR_HARD_IFINDEX, 7)
                .u32(Batadv.ATTR_THROUGHPUT, 54_300).u32(Batadv.ATTR_LAST_SEEN_MSECS, 12).toBytes());
        Originator o = BatadvDecoder.originator(Attributes.parse(payload));
        assertNull(o.tq());
        assertEquals(54_300L, o.throughputKbps());
        assertFalse(o.best());

        byte[] gw = genlPayload(new MessageWriter(28, 2, 1).genl(Batadv.CMD_GET_GATEWAYS, 1)
                .attr(Batadv.ATTR_ORIG_ADDRESS, new byte[] {2, 0, 0, 0, 3, 2}).flag(Batadv.ATTR_FLAG_BEST)
                .u8(Batadv.ATTR_TQ, 200).u32(Batadv.ATTR_BANDWIDTH_DOWN, 100).u32(Batadv.ATTR_BANDWIDTH_UP, 20)
                .toBytes());
        Gateway g = BatadvDecoder.gateway(Attributes.parse(gw));
        assertTrue(g.best());
        assertEquals(200, g.tq());
        assertEquals(100L, g.downKbps());
    }

    @Test
    void missingOrMisSizedAttributesAreFormatErrors() {
        byte[] noTq = genlPayload(new MessageWriter(28, 2, 1).genl(8, 1)
                .attr(Batadv.ATTR_ORIG_ADDRESS, new byte[6]).toBytes());
        assertThrows(NetlinkFormatException.class, () -> BatadvDecoder.originator(Attributes.parse(noTq)));
        byte[] shortMac = genlPayload(new MessageWriter(28, 2, 1).genl(9, 1)
                .attr(Batadv.ATTR_NEIGH_ADDRESS, new byte[5]).toBytes());
        NetlinkFormatException e = assertThrows(NetlinkFormatException.class,
                () -> BatadvDecoder.neighbor(Attributes.parse(shortMac)));
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    }

    /** The attribute bytes of a built message (after nlmsghdr and genl header). */
    private static byte[] genlPayload(byte[] message) {
        byte[] out = new byte[message.length - 20];
        System.arraycopy(message, 20, out, 0, out.length);
        return out;
    }
}
