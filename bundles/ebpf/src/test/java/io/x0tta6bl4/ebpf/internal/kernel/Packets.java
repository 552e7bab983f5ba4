package io.x0tta6bl4.ebpf.internal.kernel;

import java.nio.ByteBuffer;

/** Ethernet frames for BPF_PROG_TEST_RUN. */
public final class Packets {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;
    /** IPv4 more-fragments flag in frag_off. */
    public static final int IP_MF = 0x2000;

    private static final byte[] DST = {2, 0, 0, 0, 0, 1};

    private Packets() {
    }

    /** An Ethernet + IPv4 + ICMP echo frame of 64 bytes from {@code src}. */
    public static byte[] icmp(byte[] src) {
        return ipv4(src, 1, 0, 0);
    }

    /** An Ethernet + IPv4 + TCP frame to {@code port} from {@code src}. */
    public static byte[] tcp(byte[] src, int port) {
        return tcp4(src, 40000, port, SYN, 0);
    }

    /**
     * An Ethernet + IPv4 + TCP frame from {@code sport} to {@code dport} with the given TCP
     * flags and IPv4 {@code fragOff} (flags and offset in 8-byte units, as on the wire).
     */
    public static byte[] tcp4(byte[] src, int sport, int dport, int flags, int fragOff) {
        ByteBuffer b = ByteBuffer.wrap(ipv4(src, 6, fragOff, 0));
        tcpHeader(b, 34, sport, dport, flags);
        return b.array();
    }

    /** An Ethernet + IPv4 frame of 64 bytes whose header carries {@code options} 4-byte words of IP options. */
    public static byte[] tcp4WithOptions(byte[] src, int sport, int dport, int flags, int options) {
        ByteBuffer b = ByteBuffer.wrap(ipv4(src, 6, 0, options));
        tcpHeader(b, 34 + options * 4, sport, dport, flags);
        return b.array();
    }

    private static byte[] ipv4(byte[] src, int proto, int fragOff, int optionWords) {
        ByteBuffer b = ByteBuffer.allocate(64 + optionWords * 4);
        b.put(DST).put(src).putShort((short) 0x0800);
        b.put((byte) (0x45 + optionWords)).put((byte) 0).putShort((short) (50 + optionWords * 4)).putShort((short) 0)
                .putShort((short) fragOff).put((byte) 64).put((byte) proto).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        for (int i = 0; i < optionWords; i++) {
            b.putInt(0x01010101); // NOP options
        }
        return b.array();
    }

    private static void tcpHeader(ByteBuffer b, int at, int sport, int dport, int flags) {
        b.putShort(at, (short) sport).putShort(at + 2, (short) dport);
        b.put(at + 12, (byte) 0x50).put(at + 13, (byte) flags);
    }

    /** An Ethernet + IPv6 + TCP frame (TCP straight behind the fixed header). */
    public static byte[] tcp6(byte[] src, int sport, int dport, int flags) {
        ByteBuffer b = ipv6(src, 6, 64, 20);
        tcpHeader(b, 54, sport, dport, flags);
        return b.array();
    }

    /**
     * An Ethernet + IPv6 frame whose TCP segment sits behind one 8-byte extension header of
     * type {@code extension} (0 hop-by-hop, 43 routing, 44 fragment, 60 destination options).
     */
    public static byte[] tcp6Behind(byte[] src, int extension, int sport, int dport, int flags) {
        ByteBuffer b = ipv6(src, extension, 64, 28);
        b.put(54, (byte) 6); // the extension header's next header: TCP
        tcpHeader(b, 62, sport, dport, flags);
        return b.array();
    }

    /** An Ethernet + IPv6 + ICMPv6 frame of the given type and code, with {@code hopLimit}. */
    public static byte[] icmp6(byte[] src, int type, int code, int hopLimit) {
        ByteBuffer b = ipv6(src, 58, hopLimit, 24);
        b.put(54, (byte) type).put(55, (byte) code);
        return b.array();
    }

    private static ByteBuffer ipv6(byte[] src, int nextHeader, int hopLimit, int payload) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(64, 54 + payload));
        b.put(DST).put(src).putShort((short) 0x86dd);
        b.putInt(0x60000000).putShort((short) payload).put((byte) nextHeader).put((byte) hopLimit);
        b.put(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        b.put(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
        return b;
    }

    /** An ARP frame from {@code src}. */
    public static byte[] arp(byte[] src) {
        ByteBuffer b = ByteBuffer.allocate(60);
        b.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(src).putShort((short) 0x0806);
        return b.array();
    }

    /** A frame of any other ethertype from {@code src}, e.g. 0x4305 (batman-adv) or 0x8100 (VLAN). */
    public static byte[] ethertype(byte[] src, int ethertype) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(DST).put(src).putShort((short) ethertype);
        return b.array();
    }
}
