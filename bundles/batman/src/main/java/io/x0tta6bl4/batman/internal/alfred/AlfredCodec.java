package io.x0tta6bl4.batman.internal.alfred;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * alfred's Unix-socket protocol (packet.h): TLVs of type, version and a big-endian length
 * that excludes the 4-byte header. Pure functions, so they are tested and fuzzed without a daemon.
 */
public final class AlfredCodec {

    public static final int PUSH_DATA = 0;
    public static final int REQUEST = 2;
    public static final int STATUS_TXEND = 3;
    public static final int STATUS_ERROR = 4;
    public static final int VERSION = 0;
    public static final int MAX_DATA = 65535 - 4 - 4 - 6 - 4 - 8 - 20;

    private AlfredCodec() {
    }

    /** alfred_request_v0: ask for every record of a type. */
    public static byte[] request(int type, int txId) {
        return ByteBuffer.allocate(7).put((byte) REQUEST).put((byte) VERSION).putShort((short) 3)
                .put((byte) type).putShort((short) txId).array();
    }

    /** alfred_push_data_v0 with one alfred_data: publish this node's record (alfred fills in the source). */
    public static byte[] push(int type, int version, byte[] data, int txId) {
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("alfred data of " + data.length + " bytes, at most " + MAX_DATA);
        }
        return ByteBuffer.allocate(4 + 4 + 6 + 4 + data.length)
                .put((byte) PUSH_DATA).put((byte) VERSION).putShort((short) (4 + 6 + 4 + data.length))
                .putShort((short) txId).putShort((short) 0)
                .put(new byte[6])
                .put((byte) type).put((byte) version).putShort((short) data.length).put(data)
                .array();
    }

    /**
     * Parses everything the daemon answered to a request until it closed the connection.
     *
     * @throws AlfredFormatException on a truncated TLV, an impossible length or an error status
     */
    public static List<AlfredRecord> parseReply(byte[] bytes) throws AlfredFormatException {
        List<AlfredRecord> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            while (buf.hasRemaining()) {
                int type = Byte.toUnsignedInt(buf.get());
                buf.get(); // version
                int length = Short.toUnsignedInt(buf.getShort());
                if (length > buf.remaining()) {
                    throw new AlfredFormatException("alfred TLV of type " + type + " claims " + length + " bytes, "
                            + buf.remaining() + " left");
                }
                ByteBuffer body = buf.slice(buf.position(), length);
                buf.position(buf.position() + length);
                if (type == STATUS_ERROR) {
                    body.getShort();
                    throw new AlfredFormatException("alfred answered with error status " + Short.toUnsignedInt(body.getShort()));
                }
                if (type == STATUS_TXEND) {
                    continue;
                }
                if (type != PUSH_DATA) {
                    throw new AlfredFormatException("unexpected alfred packet type " + type + " in a data reply");
                }
                body.getShort(); // tx id
                body.getShort(); // seqno
                while (body.hasRemaining()) {
                    byte[] source = new byte[6];
                    body.get(source);
                    int dataType = Byte.toUnsignedInt(body.get());
                    int dataVersion = Byte.toUnsignedInt(body.get());
                    int dataLength = Short.toUnsignedInt(body.getShort());
                    if (dataLength > body.remaining()) {
                        throw new AlfredFormatException("alfred data of type " + dataType + " claims " + dataLength
                                + " bytes, " + body.remaining() + " left");
                    }
                    byte[] data = new byte[dataLength];
                    body.get(data);
                    out.add(new AlfredRecord(HexFormat.ofDelimiter(":").formatHex(source), dataType, dataVersion, data));
                }
            }
        } catch (BufferUnderflowException e) {
            throw new AlfredFormatException("truncated alfred reply of " + bytes.length + " bytes");
        }
        return out;
    }
}
