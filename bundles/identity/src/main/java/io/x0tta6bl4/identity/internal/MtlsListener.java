package io.x0tta6bl4.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.identity.internal.HandshakeSlots.Conn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mTLS control listener. Each connection must complete a mutual TLS handshake with a
 * client SVID the trust manager accepts; the listener then answers one line
 * {@code x0tta6bl4-identity 1 <our SPIFFE ID>} and closes. The SSLContext comes from a
 * supplier per connection, so a rotated SVID is used at once.
 * <p>
 * A client is reported as attested only once its handshake has completed (it has then
 * proved the key of its certificate); a failed connection is reported by its address only.
 * <p>
 * Anyone in radio range can connect, so the listener bounds what a connection may hold:
 * the whole exchange from accept to the client's close has a deadline ({@link Limits#graceMs},
 * like OpenSSH's LoginGraceTime) besides the per-read timeout; one source address may have
 * only {@link Limits#perSource} handshakes pending; and from {@link Limits#dropStart} pending
 * handshakes on, each new connection drops a pending handshake with a probability rising
 * from {@link Limits#dropRate}% to 100% at {@link Limits#maxPending} (OpenSSH's MaxStartups
 * start:rate:full). The one dropped is the one that has shown least: a connection whose
 * first TLS record (the ClientHello) has not fully arrived before one whose has, the oldest
 * first among equals. A real peer sends its ClientHello at once and finishes in
 * milliseconds, so it is kept while silent or trickling connections are dropped; refusing
 * the newest instead (as OpenSSH does) would let slow connections hold the slots. A source
 * whose connection was dropped, ran out of time or sent no TLS record is refused outright for
 * {@link HandshakeSlots#PENALTY_MS} (like OpenSSH's PerSourcePenalties), so reconnecting at once cannot
 * churn through the slots faster than a real peer's handshake completes. The pending set and
 * these rules are {@link HandshakeSlots}'.
 */
final class MtlsListener implements AutoCloseable {

    static final String GREETING = "x0tta6bl4-identity 1 ";
    private static final Logger LOG = LoggerFactory.getLogger(MtlsListener.class);
    private static final long HANDOFF_WAIT_MS = 200;

    /**
     * @param graceMs        deadline of the whole exchange, accept to close
     * @param readTimeoutMs  timeout of each read
     * @param perSource      pending handshakes one source address may have
     * @param dropStart      pending handshakes from which early drop begins
     * @param dropRate       drop probability in percent at {@code dropStart}
     * @param maxPending     pending handshakes at most; at this many, every new one drops the oldest
     */
    record Limits(int graceMs, int readTimeoutMs, int perSource, int dropStart, int dropRate, int maxPending) {

        Limits {
            if (graceMs < 1 || readTimeoutMs < 1 || perSource < 1 || dropStart < 1 || dropRate < 0 || dropRate > 100
                    || maxPending < dropStart) {
                throw new IllegalArgumentException("bad listener limits " + graceMs + "/" + readTimeoutMs + "/"
                        + perSource + "/" + dropStart + ":" + dropRate + ":" + maxPending);
            }
        }

        /** Probability of dropping the oldest pending handshake when {@code pending} are pending. */
        double dropProbability(int pending) {
            if (pending < dropStart) {
                return 0;
            }
            if (pending >= maxPending) {
                return 1;
            }
            double r = dropRate / 100.0;
            return r + (1 - r) * (pending - dropStart) / (double) (maxPending - dropStart);
        }
    }

    /** What the listener learns about its clients. */
    interface Incoming {
        /** A client completed the handshake and its chain verified: it proved its identity. */
        void attested(AttestationResult proven, InetSocketAddress from);

        /** A connection failed; only its address is known. */
        void failed(InetSocketAddress from, String reason);
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final ExecutorService handlers;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Supplier<SSLContext> context;
    private final Tls.PeerCheck verify;
    private final Supplier<String> ownId;
    private final Limits limits;
    private final Incoming incoming;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    private final HandshakeSlots slots;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private volatile boolean closed;

    /**
     * Binds at once (the caller runs this off the activation thread).
     *
     * @param context supplies the current SSLContext, or null when this node has no SVID
     * @param verify  verifies the chain a client proved, after its handshake
     */
    MtlsListener(InetSocketAddress bind, Supplier<SSLContext> context, Tls.PeerCheck verify, Supplier<String> ownId,
                 Limits limits, Incoming incoming) throws IOException {
        this.context = context;
        this.verify = verify;
        this.ownId = ownId;
        this.limits = limits;
        this.incoming = incoming;
        this.slots = new HandshakeSlots(limits);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 50);
        // pending handshakes, completed ones inside their deadline, and dropped ones still closing;
        // when all are busy the acceptor waits a little for one to finish rather than refuse
        this.handlers = new ThreadPoolExecutor(0, 2 * limits.maxPending() + 4, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedThreads("mtls-conn"), (task, pool) -> {
                    try {
                        if (pool.isShutdown() || !pool.getQueue().offer(task, HANDOFF_WAIT_MS, TimeUnit.MILLISECONDS)) {
                            throw new RejectedExecutionException("no handler free");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted");
                    }
                });
        this.deadlines = new ScheduledThreadPoolExecutor(1, new NamedThreads("mtls-deadline"));
        deadlines.setRemoveOnCancelPolicy(true);
        this.acceptor = new NamedThreads("mtls-listener").newThread(this::acceptLoop);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Pending handshakes dropped early to make room, refused (per-source limit, no thread), past the deadline. */
    long dropped() {
        return slots.dropped();
    }

    long refused() {
        return refused.get();
    }

    long expired() {
        return expired.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("mTLS listener on {} stopped accepting: {}", address(), e.getMessage());
                }
                return;
            }
            Conn c = new Conn(s);
            String refusal = slots.admit(c);
            if (refusal != null) {
                refused.incrementAndGet();
                closeQuietly(s);
                incoming.failed(c.from, refusal);
                continue;
            }
            open.add(c);
            c.deadline = deadlines.schedule(() -> expire(c), limits.graceMs(), TimeUnit.MILLISECONDS);
            try {
                handlers.execute(() -> handle(c));
            } catch (RejectedExecutionException e) {
                finish(c);
                refused.incrementAndGet();
                if (!closed) {
                    incoming.failed(c.from, "no handler free for the connection");
                }
            }
        }
    }

    private void expire(Conn c) {
        if (open.contains(c)) {
            expired.incrementAndGet();
            slots.penalise(c);
            c.closedBecause = "connection closed: the exchange did not end within " + limits.graceMs() + " ms";
            closeQuietly(c.raw);
        }
    }

    private void finish(Conn c) {
        slots.done(c);
        open.remove(c);
        ScheduledFuture<?> d = c.deadline;
        if (d != null) {
            d.cancel(false);
        }
        closeQuietly(c.raw);
    }

    private void handle(Conn c) {
        Socket raw = c.raw;
        boolean proven = false;
        try {
            if (closed) {
                return;
            }
            SSLContext ctx = context.get();
            if (ctx == null) {
                return;
            }
            raw.setSoTimeout(limits.readTimeoutMs());
            byte[] hello = firstRecord(raw.getInputStream());
            slots.helloSeen(c);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw,
                    new ByteArrayInputStream(hello), false)) {
                tls.setUseClientMode(false);
                tls.setNeedClientAuth(true);
                tls.setEnabledProtocols(Tls.PROTOCOLS);
                tls.setSoTimeout(limits.readTimeoutMs());
                tls.startHandshake();
                slots.done(c);
                // complete: the client's CertificateVerify and Finished have been checked
                AttestationResult r = Tls.provenPeer(tls.getSession(), verify, ChainVerifier.Role.CLIENT);
                if (!r.attested()) {
                    incoming.failed(c.from, r.reason());
                    return;
                }
                proven = true;
                incoming.attested(r, c.from);
                OutputStream out = tls.getOutputStream();
                out.write((GREETING + ownId.get() + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // wait for the client to close, so TLS 1.3 client-certificate alerts reach it
                InputStream in = tls.getInputStream();
                in.read();
            }
        } catch (IOException e) {
            slots.penaliseIfSilent(c);
            if (!proven && !closed) {
                String why = c.closedBecause != null ? c.closedBecause : Tls.failureReason(e);
                LOG.debug("mTLS handshake from {} failed: {}", c.from, why);
                incoming.failed(c.from, why);
            }
        } catch (RuntimeException e) {
            LOG.warn("mTLS connection from {} failed: {}", c.from, e.toString());
        } finally {
            finish(c);
        }
    }

    /** Largest TLS record: 2^14 plaintext plus the expansion TLS 1.2 allows. */
    private static final int MAX_RECORD = 16_384 + 2048;

    /**
     * Reads the client's first TLS record whole (header and body), so that its arrival marks
     * progress; the bytes are handed on to the TLS socket.
     */
    static byte[] firstRecord(InputStream in) throws IOException {
        byte[] header = in.readNBytes(5);
        if (header.length < 5) {
            throw new EOFException("connection closed before a TLS record");
        }
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (header[0] != 0x16 || header[1] != 0x03 || length == 0 || length > MAX_RECORD) {
            throw new SSLException("not a TLS handshake record (starts 0x" + String.format("%02x%02x%02x", header[0],
                    header[1], header[2]) + ", length " + length + ")");
        }
        byte[] record = new byte[5 + length];
        System.arraycopy(header, 0, record, 0, 5);
        if (in.readNBytes(record, 5, length) < length) {
            throw new EOFException("connection closed inside the first TLS record");
        }
        return record;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        handlers.shutdownNow();
        deadlines.shutdownNow();
        open.forEach(c -> closeQuietly(c.raw));
        try {
            acceptor.join(2000);
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing
        }
    }
}
