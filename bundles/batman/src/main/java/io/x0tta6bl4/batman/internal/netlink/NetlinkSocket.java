package io.x0tta6bl4.batman.internal.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * A netlink socket through libc (JNA): request, then read replies until the dump ends or
 * the acknowledgement arrives. Not thread-safe; one request at a time.
 */
public final class NetlinkSocket implements AutoCloseable {

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;

    private static final int RECV_BUFFER = 64 * 1024;
    private static final LibcNetlink LIBC = Native.load("c", LibcNetlink.class);

    private final int fd;
    private final AtomicInteger seq = new AtomicInteger(1);
    private final byte[] buffer = new byte[RECV_BUFFER];
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens and binds a socket of the protocol with a receive timeout, so a silent kernel cannot hang a poller. */
    public static NetlinkSocket open(int protocol, Duration timeout) throws IOException {
        int fd = LIBC.socket(LibcNetlink.AF_NETLINK, LibcNetlink.SOCK_RAW | LibcNetlink.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw error("socket(AF_NETLINK, " + protocol + ")", Native.getLastError());
        }
        NetlinkSocket socket = new NetlinkSocket(fd);
        try {
            if (LIBC.bind(fd, sockaddr(), 12) != 0) {
                throw error("bind netlink socket", Native.getLastError());
            }
            long micros = timeout.toNanos() / 1000;
            byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putLong(micros / 1_000_000).putLong(micros % 1_000_000).array();
            if (LIBC.setsockopt(fd, LibcNetlink.SOL_SOCKET, LibcNetlink.SO_RCVTIMEO, tv, tv.length) != 0) {
                throw error("set the netlink receive timeout", Native.getLastError());
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The sequence number for the next request. */
    public int nextSeq() {
        return seq.incrementAndGet();
    }

    /**
     * Sends a request and collects every reply message until NLMSG_DONE, an acknowledgement,
     * or (for a request without ACK or DUMP) the first reply.
     *
     * @throws NetlinkErrorException when the kernel answers with a negative error
     * @throws IOException           on a socket failure or timeout
     */
    public List<NetlinkMessage> request(byte[] message) throws IOException {
        int requestSeq = ByteBuffer.wrap(message, 8, 4).order(ByteOrder.nativeOrder()).getInt();
        int requestFlags = Short.toUnsignedInt(ByteBuffer.wrap(message, 6, 2).order(ByteOrder.nativeOrder()).getShort());
        boolean dump = (requestFlags & NetlinkMessage.NLM_F_DUMP) == NetlinkMessage.NLM_F_DUMP;
        boolean ack = (requestFlags & NetlinkMessage.NLM_F_ACK) != 0;
        send(message);
        List<NetlinkMessage> replies = new ArrayList<>();
        while (true) {
            int n = receive();
            for (NetlinkMessage m : NetlinkMessage.parseAll(buffer, n)) {
                if (m.seq() != requestSeq) {
                    continue; // a stale reply of an earlier, timed-out request
                }
                if (m.isError()) {
                    int code = m.errorCode();
                    if (code != 0) {
                        throw new NetlinkErrorException(-code, LIBC.strerror(-code));
                    }
                    return replies;
                }
                if (m.isDone()) {
                    return replies;
                }
                replies.add(m);
                if (!dump && !ack) {
                    return replies;
                }
            }
        }
    }

    /** The interface's index in the calling thread's network namespace, 0 when there is none. */
    public static int ifindex(String name) {
        return LIBC.if_nametoindex(name);
    }

    private void send(byte[] message) throws IOException {
        ensureOpen();
        NativeLong sent = LIBC.sendto(fd, message, new NativeLong(message.length), 0, sockaddr(), 12);
        if (sent.longValue() < 0) {
            throw error("send to netlink", Native.getLastError());
        }
    }

    private int receive() throws IOException {
        ensureOpen();
        NativeLong n = LIBC.recv(fd, buffer, new NativeLong(buffer.length), 0);
        if (n.longValue() < 0) {
            int errno = Native.getLastError();
            if (errno == 11) { // EAGAIN: SO_RCVTIMEO expired
                throw new IOException("no netlink reply within the timeout");
            }
            throw error("receive from netlink", errno);
        }
        return (int) n.longValue();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("netlink socket closed");
        }
    }

    private static byte[] sockaddr() {
        // struct sockaddr_nl: family, pad, pid 0 (kernel assigns / kernel is the peer), groups 0
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putShort((short) LibcNetlink.AF_NETLINK).array();
    }

    private static IOException error(String what, int errno) {
        return new IOException(what + " failed: " + LIBC.strerror(errno) + " (errno " + errno + ")");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LIBC.close(fd);
        }
    }
}
