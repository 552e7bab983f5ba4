package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The respondd listener: one UDP socket on the configured port of every address, joined to
 * the multicast groups on the mesh interface (rejoined when the interface appears, is
 * re-created or its index changes), answering each allowed query with one datagram. Thread
 * {@code x0tta6bl4-respondd}; {@link #close} closes the socket and joins the thread.
 */
final class Responder implements AutoCloseable {

    /** How often the thread looks at the mesh interface while no query arrives. */
    static final int CHECK_MS = 2000;
    static final String THREAD = "x0tta6bl4-respondd";

    /** Counters for {@code respondd:status}. */
    static final class Counters {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong foreign = new AtomicLong();
        final AtomicLong limited = new AtomicLong();
        final AtomicLong cut = new AtomicLong();
        volatile String lastRefusal = "";
    }

    private final RespondConfig config;
    private final Function<String, Map<String, Object>> parts;
    private final ReplyBuilder.Sealer sealer;
    private final Consumer<String> log;
    private final MulticastSocket socket;
    private final Thread thread;
    private final Counters counters = new Counters();
    private final RateLimit limit;
    private final LogBudget logBudget = new LogBudget(60_000);
    private volatile NetworkInterface mesh;
    private volatile List<InetAddress> joined = List.of();

    Responder(RespondConfig config, Function<String, Map<String, Object>> parts, Consumer<String> log) throws IOException {
        this(config, parts, ReplyBuilder.Sealer.NONE, log);
    }

    Responder(RespondConfig config, Function<String, Map<String, Object>> parts, ReplyBuilder.Sealer sealer,
              Consumer<String> log) throws IOException {
        this.config = config;
        this.parts = parts;
        this.sealer = sealer;
        this.log = log;
        this.limit = new RateLimit(config.repliesPerSecond(), config.repliesPerSource(), System.nanoTime());
        this.socket = new MulticastSocket(new InetSocketAddress(config.port()));
        socket.setSoTimeout(CHECK_MS);
        this.thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    Counters counters() {
        return counters;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The mesh interface as last seen, or null. */
    NetworkInterface mesh() {
        return mesh;
    }

    List<InetAddress> joined() {
        return joined;
    }

    private void run() {
        byte[] buf = new byte[RespondRequest.MAX_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            watchInterface();
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.accept("respondd socket failed, not answering any more: " + e.getMessage());
                }
                return;
            }
            try {
                handle(packet);
            } catch (RuntimeException e) {
                refuse(counters.malformed, "Query from " + packet.getAddress().getHostAddress()
                        + " not answered: " + e);
            }
        }
    }

    private void handle(DatagramPacket packet) {
        InetAddress from = packet.getAddress();
        if (!SourceGate.allows(from, mesh, config.allowSources())) {
            refuse(counters.foreign, "Query from " + from.getHostAddress() + " not answered: not on "
                    + config.iface() + " nor in allow.sources");
            return;
        }
        RespondRequest request;
        try {
            // a datagram longer than the buffer arrives cut to it: its length tells it was too long
            request = RespondRequest.parse(packet.getData(), packet.getLength());
        } catch (RespondFormatException e) {
            refuse(counters.malformed, "Query from " + from.getHostAddress() + " not answered: " + e.getMessage());
            return;
        }
        if (!limit.take(from, System.nanoTime())) {
            refuse(counters.limited, "Query from " + from.getHostAddress() + " not answered: over "
                    + config.repliesPerSource() + " replies/s per source or " + config.repliesPerSecond() + " in all");
            return;
        }
        ReplyBuilder.Reply reply = ReplyBuilder.build(request, parts, config.maxReplyBytes(), sealer);
        if (!reply.leftOut().isEmpty()) {
            counters.cut.incrementAndGet();
            if (logBudget.allows("cut")) {
                log.accept("respondd reply to " + from.getHostAddress() + " leaves out " + reply.leftOut()
                        + ": it would not fit reply.max.bytes=" + config.maxReplyBytes());
            }
        }
        if (reply.datagram() == null) {
            return;
        }
        try {
            socket.send(new DatagramPacket(reply.datagram(), reply.datagram().length, packet.getSocketAddress()));
            counters.answered.incrementAndGet();
        } catch (IOException e) {
            refuse(counters.malformed, "Reply to " + from.getHostAddress() + " could not be sent: " + e.getMessage());
        }
    }

    private void refuse(AtomicLong counter, String line) {
        counter.incrementAndGet();
        counters.lastRefusal = line;
        // one line per kind of refusal a minute, whatever the source: a flood from many sources stays quiet
        if (logBudget.allows(counter == counters.foreign ? "foreign" : counter == counters.limited ? "limited" : "malformed")) {
            log.accept(line);
        }
    }

    /** Joins the groups on the mesh interface as it is now; a missing interface leaves unicast only. */
    private void watchInterface() {
        NetworkInterface now;
        try {
            now = NetworkInterface.getByName(config.iface());
        } catch (SocketException e) {
            now = null;
        }
        NetworkInterface was = mesh;
        if (now == null ? was == null : was != null && was.getIndex() == now.getIndex()) {
            mesh = now; // addresses may have changed; membership has not
            return;
        }
        for (InetAddress g : joined) {
            try {
                socket.leaveGroup(new InetSocketAddress(g, 0), was);
            } catch (IOException | RuntimeException e) {
                // the interface is gone with its memberships
            }
        }
        List<InetAddress> ok = new ArrayList<>();
        if (now != null) {
            for (InetAddress g : config.groups()) {
                try {
                    socket.joinGroup(new InetSocketAddress(g, 0), now);
                    ok.add(g);
                } catch (IOException | RuntimeException e) {
                    log.accept("respondd cannot join " + g.getHostAddress() + " on " + config.iface()
                            + " (unicast queries are still answered): " + e.getMessage());
                }
            }
            log.accept("respondd answers on " + config.iface() + " port " + port() + ", groups "
                    + ok.stream().map(InetAddress::getHostAddress).toList());
        } else if (was != null) {
            log.accept("respondd: " + config.iface() + " is gone; answering unicast from allow.sources only");
        }
        mesh = now;
        joined = List.copyOf(ok);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
