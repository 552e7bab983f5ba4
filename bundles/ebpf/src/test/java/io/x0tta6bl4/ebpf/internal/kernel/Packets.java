package io.x0tta6bl4.ebpf.internal.kernel;

import java.nio.ByteBuffer;

/** Ethernet frames for BPF_PROG_TEST_RUN. */
public final class Packets {

    private Packets() {
    }

    /** An Ethernet + IPv4 + ICMP echo frame of 64 bytes from {@code src}. */
    public static byte[] icmp(byte[] src) {
        return ipv4(src, 1, 0);
    }

    /** An Ethernet + IPv4 + TCP frame to {@code port} from {@code src}. */
    public static byte[] tcp(byte[] src, int port) {
        return ipv4(src, 6, port);
    }

    private static byte[] ipv4(byte[] src, int proto, int port) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(new byte[] {2, 0, 0, 0, 0, 1}).put(src).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 50).putInt(0).put((byte) 64).put((byte) proto)
                .putShort((short) 0).put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        if (proto == 6) {
            b.putShort((short) 40000).putShort((short) port);
        }
        return b.array();
    }

    /** An ARP frame from {@code src}. */
    public static byte[] arp(byte[] src) {
        ByteBuffer b = ByteBuffer.allocate(60);
        b.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(src).putShort((short) 0x0806);
        return b.array();
    }
}
