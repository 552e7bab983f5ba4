package io.x0tta6bl4.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slowloris against a TLS listener: from each of several source addresses, more connections
 * than the listener lets one source hold; half send nothing, half trickle the first bytes of a
 * ClientHello one every 100 ms, so neither ever finishes a handshake. A connection the
 * listener closes is opened again at once, for as long as the flood runs.
 */
final class SlowHandshakeFlood implements AutoCloseable {

    private static final byte[] HELLO_START = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc};

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    SlowHandshakeFlood(InetSocketAddress target, List<InetAddress> sources, int perSource) {
        for (InetAddress from : sources) {
            for (int i = 0; i < perSource; i++) {
                boolean trickle = i % 2 == 1;
                Thread t = new Thread(() -> run(from, target, trickle),
                        "x0tta6bl4-itest-flood-" + from.getHostAddress() + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    int connections() {
        return connections.get();
    }

    int threads() {
        return threads.size();
    }

    private void run(InetAddress from, InetSocketAddress target, boolean trickle) {
        while (!stop.get()) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(from, 0));
                s.connect(target, 1000);
                connections.incrementAndGet();
                s.setSoTimeout(100);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int sent = 0; !stop.get(); ) {
                    if (trickle) {
                        out.write(HELLO_START[sent++ % HELLO_START.length]);
                        out.flush();
                    }
                    try {
                        if (in.read() < 0) {
                            break;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        // the listener holds us: keep it busy
                    }
                }
            } catch (IOException closedOrRefused) {
                // the listener dropped or refused us: come again
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(5000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not stop");
            }
        }
    }
}
