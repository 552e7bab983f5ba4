package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mTLS listener's pending handshakes and who may add one: the per-source limit, early drop
 * of the connection that has shown least once the listener fills up (OpenSSH's MaxStartups
 * start:rate:full, but dropping the least-shown rather than refusing the newest, so silent or
 * trickling connections cannot hold the slots), and a short refusal of sources whose
 * connection was dropped, ran out of time or sent no TLS record (like OpenSSH's
 * PerSourcePenalties). One lock guards all of it; the listener's acceptor, handlers and
 * deadline timer share it.
 */
final class HandshakeSlots {

    static final long PENALTY_MS = 1000;
    /** A pending handshake younger than this is not dropped to make room. */
    static final long MIN_AGE_MS = 250;
    private static final int MAX_PENALISED = 4096;

    /** One accepted connection, from accept to close. */
    static final class Conn {
        final Socket raw;
        final InetSocketAddress from;
        final long acceptedNanos = System.nanoTime();
        /** The first TLS record arrived whole; guarded by the slots' lock. */
        private boolean helloSeen;
        volatile String closedBecause;
        volatile ScheduledFuture<?> deadline;

        Conn(Socket raw) {
            this.raw = raw;
            this.from = (InetSocketAddress) raw.getRemoteSocketAddress();
        }
    }

    private final MtlsListener.Limits limits;
    /** Pending handshakes, oldest first; guarded by itself, with {@link #perSource} and {@link #penalties}. */
    private final LinkedHashSet<Conn> pending = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    /** Source address to the end of its penalty (nanoTime), least recently penalised forgotten first. */
    private final Map<InetAddress, Long> penalties = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Long> eldest) {
            return size() > MAX_PENALISED;
        }
    };
    private final AtomicLong dropped = new AtomicLong();

    HandshakeSlots(MtlsListener.Limits limits) {
        this.limits = limits;
    }

    /** Pending handshakes dropped early to make room. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Takes a new connection into the pending set, dropping (and closing) a pending one to make
     * room when the early-drop rule says so; null, or why the new one is refused.
     */
    String admit(Conn c) {
        Conn victim = null;
        synchronized (pending) {
            InetAddress src = c.from.getAddress();
            Long until = penalties.get(src);
            if (until != null && until - System.nanoTime() > 0) {
                return "refused: " + src.getHostAddress() + " had a slow or malformed connection dropped less than "
                        + PENALTY_MS + " ms ago";
            }
            int fromSource = perSource.getOrDefault(src, 0);
            if (fromSource >= limits.perSource()) {
                return "refused: " + fromSource + " handshakes from " + src.getHostAddress()
                        + " already pending (at most " + limits.perSource() + ")";
            }
            double p = limits.dropProbability(pending.size());
            if (p > 0 && (p >= 1 || ThreadLocalRandom.current().nextDouble() < p)) {
                victim = leastShown(System.nanoTime());
                if (victim == null && p >= 1) {
                    return "refused: " + pending.size() + " handshakes pending, all younger than " + MIN_AGE_MS
                            + " ms";
                }
                if (victim != null) {
                    unpend(victim);
                    penalise(victim);
                }
            }
            pending.add(c);
            perSource.merge(src, 1, Integer::sum);
        }
        if (victim != null) {
            dropped.incrementAndGet();
            victim.closedBecause = "handshake dropped early: " + limits.maxPending()
                    + " pending handshakes fill the listener";
            try {
                victim.raw.close();
            } catch (IOException e) {
                // its handler reports the close
            }
        }
        return null;
    }

    /** The connection's first TLS record arrived whole: it is no longer the first to drop. */
    void helloSeen(Conn c) {
        synchronized (pending) {
            c.helloSeen = true;
        }
    }

    /** The handshake completed or failed: its slot is free. */
    void done(Conn c) {
        synchronized (pending) {
            unpend(c);
        }
    }

    /** Its source is refused for {@link #PENALTY_MS}. */
    void penalise(Conn c) {
        synchronized (pending) {
            penalties.put(c.from.getAddress(), System.nanoTime() + PENALTY_MS * 1_000_000L);
        }
    }

    /** Penalises the source when the connection failed before its first TLS record was whole. */
    void penaliseIfSilent(Conn c) {
        synchronized (pending) {
            if (!c.helloSeen) {
                penalise(c);
            }
        }
    }

    /**
     * The oldest pending connection without a whole ClientHello, else the oldest; only one
     * pending for {@link #MIN_AGE_MS} at least, so that a new connection has time to send its
     * ClientHello even on a loaded machine; null when there is none. Caller holds the lock.
     */
    private Conn leastShown(long now) {
        Conn oldest = null;
        for (Conn c : pending) {
            if (now - c.acceptedNanos < MIN_AGE_MS * 1_000_000L) {
                break;   // oldest first: the rest are younger still
            }
            if (!c.helloSeen) {
                return c;
            }
            if (oldest == null) {
                oldest = c;
            }
        }
        return oldest;
    }

    /** Caller holds the lock. */
    private void unpend(Conn c) {
        if (pending.remove(c)) {
            perSource.computeIfPresent(c.from.getAddress(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
