package io.x0tta6bl4.batman.internal.alfred;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One node's batadv-vis record (alfred data type 1, vis.h {@code struct vis_v1}): its
 * primary address, its hard interfaces, and per interface the neighbours with their TQ
 * plus the clients of its translation table.
 *
 * @param primary    the node's originator address
 * @param interfaces MACs of its hard interfaces (the index of {@link Link#router} refers here)
 * @param links      one-hop neighbours as batman-adv sees them from this node
 * @param clients    MACs of its local translation table
 */
public record VisNode(String primary, List<String> interfaces, List<Link> links, List<String> clients) {

    public static final int ALFRED_TYPE = 1;
    public static final int VERSION = 1;
    private static final int TT_IFINDEX = 255;
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");
    private static final String ZERO = "00:00:00:00:00:00";

    /**
     * @param router   this node's interface MAC the neighbour is heard on
     * @param neighbor the neighbour's interface MAC
     * @param tq       the link's TQ, 1..255
     */
    public record Link(String router, String neighbor, int tq) {
    }

    /** @throws AlfredFormatException when the record is truncated, too long or refers to a missing interface */
    public static VisNode decode(byte[] data) throws AlfredFormatException {
        if (data.length < 8) {
            throw new AlfredFormatException("batadv-vis record of " + data.length + " bytes, at least 8 needed");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        String primary = mac(b);
        int ifaces = Byte.toUnsignedInt(b.get());
        int entries = Byte.toUnsignedInt(b.get());
        int expected = 8 + ifaces * 6 + entries * 8;
        if (data.length != expected) {
            throw new AlfredFormatException("batadv-vis record of " + data.length + " bytes, its counts (" + ifaces
                    + " interfaces, " + entries + " entries) say " + expected);
        }
        List<String> interfaces = new ArrayList<>();
        for (int i = 0; i < ifaces; i++) {
            interfaces.add(mac(b));
        }
        List<Link> links = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String mac = mac(b);
            int ifindex = Byte.toUnsignedInt(b.get());
            int qual = Byte.toUnsignedInt(b.get());
            if (ifindex == TT_IFINDEX) {
                clients.add(mac);
            } else if (ifindex >= ifaces) {
                throw new AlfredFormatException("batadv-vis entry " + mac + " on interface " + ifindex + " of " + ifaces);
            } else if (qual > 0) {
                links.add(new Link(interfaces.get(ifindex), mac, qual));
            }
        }
        // batadv-vis leaves the header MAC zero; its first interface is the primary one.
        if (primary.equals(ZERO) && !interfaces.isEmpty()) {
            primary = interfaces.get(0);
        }
        return new VisNode(primary, List.copyOf(interfaces), List.copyOf(links), List.copyOf(clients));
    }

    /** Encodes the record as batadv-vis does; for tests and tools. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(8 + interfaces.size() * 6 + (links.size() + clients.size()) * 8);
        b.put(MAC.parseHex(primary)).put((byte) interfaces.size()).put((byte) (links.size() + clients.size()));
        interfaces.forEach(i -> b.put(MAC.parseHex(i)));
        for (Link l : links) {
            b.put(MAC.parseHex(l.neighbor())).put((byte) interfaces.indexOf(l.router())).put((byte) l.tq());
        }
        clients.forEach(c -> b.put(MAC.parseHex(c)).put((byte) TT_IFINDEX).put((byte) 0));
        return b.array();
    }

    private static String mac(ByteBuffer b) {
        byte[] m = new byte[6];
        b.get(m);
        return MAC.formatHex(m);
    }
}
