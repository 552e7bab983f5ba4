package io.x0tta6bl4.batman.internal.netlink;

/**
 * A generic netlink message: the 4-byte genl header and its attributes.
 *
 * @param cmd     the family's command
 * @param version the family's interface version
 * @param attrs   attributes after the header
 */
public record GenlMessage(int cmd, int version, Attributes attrs) {

    public static final int HEADER_LENGTH = 4;

    /** @throws NetlinkFormatException when the payload is too short or its attributes are malformed */
    public static GenlMessage parse(NetlinkMessage message) {
        byte[] p = message.payload();
        if (p.length < HEADER_LENGTH) {
            throw new NetlinkFormatException("generic netlink payload of " + p.length + " bytes, expected at least 4");
        }
        return new GenlMessage(Byte.toUnsignedInt(p[0]), Byte.toUnsignedInt(p[1]),
                Attributes.parse(p, HEADER_LENGTH, p.length - HEADER_LENGTH));
    }
}
