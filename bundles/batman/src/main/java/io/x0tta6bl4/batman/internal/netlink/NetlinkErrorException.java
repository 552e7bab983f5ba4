package io.x0tta6bl4.batman.internal.netlink;

import java.io.IOException;

/** The kernel refused a request with an errno. */
public class NetlinkErrorException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public NetlinkErrorException(int errno, String message) {
        super(message + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
