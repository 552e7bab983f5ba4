package io.x0tta6bl4.batman.internal.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The link query behind the carrier signal; the kernel lab reads a real interface's flags with it. */
class RtnetlinkTest {

    @Test
    void getLinkAsksForOneInterfaceByIndex() {
        ByteBuffer b = ByteBuffer.wrap(Rtnetlink.getLink(7, 42)).order(ByteOrder.nativeOrder());
        assertEquals(32, b.getInt(0), "header and ifinfomsg, no attributes");
        assertEquals(Rtnetlink.RTM_GETLINK, b.getShort(4));
        assertEquals(NetlinkMessage.NLM_F_REQUEST, b.getShort(6));
        assertEquals(42, b.getInt(8));
        assertEquals(7, b.getInt(20), "ifi_index");
    }

    @Test
    void theFlagsOfAReplyAreReadAndAShortOneIsRefused() {
        ByteBuffer p = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        p.putInt(8, Rtnetlink.IFF_UP | Rtnetlink.IFF_LOWER_UP | 0x40);
        assertEquals(Rtnetlink.IFF_UP | Rtnetlink.IFF_LOWER_UP | 0x40,
                Rtnetlink.linkFlags(new NetlinkMessage(Rtnetlink.RTM_NEWLINK, 0, 1, 0, p.array())));
        assertThrows(NetlinkFormatException.class,
                () -> Rtnetlink.linkFlags(new NetlinkMessage(Rtnetlink.RTM_NEWLINK, 0, 1, 0, new byte[12])));
        assertThrows(NetlinkFormatException.class,
                () -> Rtnetlink.linkFlags(new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0, 1, 0, p.array())));
    }
}
