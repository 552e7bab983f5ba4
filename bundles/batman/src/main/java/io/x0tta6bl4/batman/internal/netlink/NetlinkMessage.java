package io.x0tta6bl4.batman.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message: the {@code nlmsghdr} fields and the payload after it.
 *
 * @param type    message type: a family id, or one of the control types below
 * @param flags   NLM_F_* flags
 * @param seq     sequence number the reply answers
 * @param pid     port id of the sender (0 for the kernel)
 * @param payload bytes after the 16-byte header, without trailing padding
 */
public record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {

    public static final int HEADER_LENGTH = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_EXCL = 0x200;

    public boolean isError() {
        return type == NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == NLMSG_DONE;
    }

    /** The errno of an NLMSG_ERROR (0 is an acknowledgement, otherwise negative). */
    public int errorCode() {
        if (!isError()) {
            throw new IllegalStateException("not an NLMSG_ERROR message (type " + type + ")");
        }
        if (payload.length < 4) {
            throw new NetlinkFormatException("NLMSG_ERROR of " + payload.length + " bytes, expected at least 4");
        }
        return ByteBuffer.wrap(payload, 0, 4).order(ByteOrder.nativeOrder()).getInt();
    }

    /**
     * Splits a received datagram (or several concatenated) into messages.
     *
     * @throws NetlinkFormatException when a header is truncated or a length points outside the bytes
     */
    public static List<NetlinkMessage> parseAll(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            throw new NetlinkFormatException("datagram length " + length + " outside 0.." + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (buf.remaining() > 0) {
            int start = buf.position();
            if (buf.remaining() < HEADER_LENGTH) {
                throw new NetlinkFormatException("truncated netlink header at offset " + start + ": "
                        + buf.remaining() + " bytes left, 16 needed");
            }
            long len = Integer.toUnsignedLong(buf.getInt());
            int type = Short.toUnsignedInt(buf.getShort());
            int flags = Short.toUnsignedInt(buf.getShort());
            int seq = buf.getInt();
            int pid = buf.getInt();
            if (len < HEADER_LENGTH || len > length - start) {
                throw new NetlinkFormatException("netlink message at offset " + start + " claims " + len
                        + " bytes, " + (length - start) + " available");
            }
            byte[] payload = new byte[(int) len - HEADER_LENGTH];
            buf.get(payload);
            messages.add(new NetlinkMessage(type, flags, seq, pid, payload));
            buf.position(Math.min(length, start + Attributes.align((int) len)));
        }
        return messages;
    }

    public static List<NetlinkMessage> parseAll(byte[] bytes) {
        return parseAll(bytes, bytes.length);
    }
}
