package io.x0tta6bl4.batman.internal.netlink;

/**
 * Bytes that are not a well-formed netlink message: the one error the parsers throw, so a
 * caller can drop a bad datagram and keep going.
 */
public class NetlinkFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NetlinkFormatException(String message) {
        super(message);
    }
}
