package io.x0tta6bl4.batman.internal.alfred;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * alfred's server status (ALFRED_SERVER_STATUS): its mode, the interfaces it listens on
 * and the batman-adv interface it follows ({@code none} when it runs without batman-adv).
 *
 * @param primary    whether the daemon runs as primary (otherwise secondary)
 * @param interfaces the network interfaces and whether each has its socket open
 * @param batmanInterface the batman-adv mesh interface, or {@code none}
 */
public record AlfredStatus(boolean primary, List<NetInterface> interfaces, String batmanInterface) {

    public static final int SERVER_STATUS = 8;
    static final int OP_MODE = 0;
    static final int NET_IFACE = 1;
    static final int BAT_IFACE = 2;
    private static final int IFNAMSIZ = 16;

    /** @param name interface name; @param active whether alfred's socket on it is open */
    public record NetInterface(String name, boolean active) {
    }

    /** alfred_server_status_req_v0: a bare header. */
    public static byte[] request() {
        return new byte[] {SERVER_STATUS, AlfredCodec.VERSION, 0, 0};
    }

    /** @throws AlfredFormatException when the reply is not a server status */
    public static AlfredStatus parse(byte[] reply) throws AlfredFormatException {
        if (reply.length < 4 || reply[0] != SERVER_STATUS) {
            throw new AlfredFormatException("alfred answered the status request with "
                    + (reply.length < 1 ? "nothing" : "packet type " + Byte.toUnsignedInt(reply[0])));
        }
        ByteBuffer b = ByteBuffer.wrap(reply);
        b.position(2);
        int length = Short.toUnsignedInt(b.getShort());
        if (length > b.remaining()) {
            throw new AlfredFormatException("alfred status claims " + length + " bytes, " + b.remaining() + " left");
        }
        ByteBuffer body = b.slice(4, length);
        boolean primary = false;
        String bat = null;
        List<NetInterface> ifaces = new ArrayList<>();
        while (body.remaining() >= 4) {
            int type = Byte.toUnsignedInt(body.get());
            body.get();
            int len = Short.toUnsignedInt(body.getShort());
            if (len > body.remaining()) {
                throw new AlfredFormatException("alfred status TLV " + type + " claims " + len + " bytes, "
                        + body.remaining() + " left");
            }
            ByteBuffer v = body.slice(body.position(), len);
            body.position(body.position() + len);
            if (type == OP_MODE && len >= 1) {
                primary = v.get() == 1;
            } else if (type == NET_IFACE && len >= IFNAMSIZ + 1) {
                ifaces.add(new NetInterface(name(v), v.get(IFNAMSIZ) != 0));
            } else if (type == BAT_IFACE && len >= IFNAMSIZ) {
                bat = name(v);
            }
        }
        return new AlfredStatus(primary, List.copyOf(ifaces), bat);
    }

    private static String name(ByteBuffer v) {
        byte[] raw = new byte[IFNAMSIZ];
        v.get(0, raw);
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.US_ASCII);
    }
}
