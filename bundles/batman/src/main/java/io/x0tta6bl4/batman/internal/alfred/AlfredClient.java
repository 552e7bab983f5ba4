package io.x0tta6bl4.batman.internal.alfred;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A client of alfred's Unix socket: one request per connection, as alfred expects. */
public final class AlfredClient {

    private static final int MAX_REPLY = 16 * 1024 * 1024;
    private static final long TIMEOUT_MS = 3_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path socket;

    public AlfredClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    /** Every record of the type alfred knows, from this node and the rest of the mesh. */
    public List<AlfredRecord> read(int type) throws IOException {
        checkType(type);
        try (SocketChannel ch = open()) {
            write(ch, AlfredCodec.request(type, RANDOM.nextInt(0x10000)));
            ch.shutdownOutput();
            return AlfredCodec.parseReply(readAll(ch));
        }
    }

    /** The daemon's mode and interfaces. */
    public AlfredStatus status() throws IOException {
        try (SocketChannel ch = open()) {
            write(ch, AlfredStatus.request());
            return AlfredStatus.parse(readAll(ch));
        }
    }

    /** Reads until alfred closes the connection, within {@link #TIMEOUT_MS}: a stuck daemon cannot stall the poller. */
    private static byte[] readAll(SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        try (Selector selector = Selector.open()) {
            ch.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("alfred did not finish its answer within " + TIMEOUT_MS + " ms");
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n = ch.read(buf);
                if (n < 0) {
                    return all.toByteArray();
                }
                buf.flip();
                all.write(buf.array(), 0, buf.limit());
                buf.clear();
                if (all.size() > MAX_REPLY) {
                    throw new AlfredFormatException("alfred reply larger than " + MAX_REPLY + " bytes");
                }
            }
        }
    }

    /** Publishes this node's record of the type; alfred spreads it through the mesh. */
    public void write(int type, int version, byte[] data) throws IOException {
        checkType(type);
        try (SocketChannel ch = open()) {
            write(ch, AlfredCodec.push(type, version, data, RANDOM.nextInt(0x10000)));
        }
    }

    private SocketChannel open() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to alfred at " + socket + ": " + e.getMessage());
        }
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void checkType(int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("alfred data type must be within 0..255, was " + type);
        }
    }
}
