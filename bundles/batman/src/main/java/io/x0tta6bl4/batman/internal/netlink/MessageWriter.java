package io.x0tta6bl4.batman.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one netlink request: the header, an optional family header (genl or ifinfomsg)
 * and attributes, nested ones included. Lengths are filled in by {@link #toBytes()}.
 */
public final class MessageWriter {

    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> open = new ArrayDeque<>();

    public MessageWriter(int type, int flags, int seq) {
        buf.putInt(0);
        buf.putShort((short) type);
        buf.putShort((short) flags);
        buf.putInt(seq);
        buf.putInt(0);
    }

    /** The 4-byte generic netlink header. */
    public MessageWriter genl(int cmd, int version) {
        ensure(4);
        buf.put((byte) cmd).put((byte) version).putShort((short) 0);
        return this;
    }

    /** The 16-byte struct ifinfomsg of rtnetlink link messages. */
    public MessageWriter ifinfo(int family, int ifindex, int flags, int change) {
        ensure(16);
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(flags).putInt(change);
        return this;
    }

    public MessageWriter u8(int type, int value) {
        return attr(type, new byte[] {(byte) value});
    }

    public MessageWriter u16(int type, int value) {
        return attr(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    public MessageWriter u32(int type, long value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) value).array());
    }

    public MessageWriter string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    public MessageWriter flag(int type) {
        return attr(type, new byte[0]);
    }

    public MessageWriter attr(int type, byte[] value) {
        int len = 4 + value.length;
        ensure(Attributes.align(len));
        buf.putShort((short) len).putShort((short) type).put(value);
        pad();
        return this;
    }

    public MessageWriter beginNested(int type) {
        ensure(4);
        open.push(buf.position());
        buf.putShort((short) 0).putShort((short) (type | Attribute.NLA_F_NESTED));
        return this;
    }

    public MessageWriter endNested() {
        int start = open.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed nested attribute");
        }
        buf.putInt(0, buf.position());
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() < more + 4) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more + 64))
                    .order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
