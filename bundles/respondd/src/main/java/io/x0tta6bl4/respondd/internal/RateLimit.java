package io.x0tta6bl4.respondd.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets for replies: one for all sources and one per source (the last
 * {@link #MAX_SOURCES} seen), each refilled at its rate per second with a burst of twice the
 * rate. A collector asks each node once per interval; a flood of queries, even from allowed
 * sources, costs at most the configured replies. One responder thread.
 */
final class RateLimit {

    static final int MAX_SOURCES = 1024;

    private final Bucket all;
    private final double perSource;
    private final Map<InetAddress, Bucket> sources = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    RateLimit(double perSecond, double perSource, long nowNanos) {
        this.all = new Bucket(perSecond, nowNanos);
        this.perSource = perSource;
    }

    /** Whether a reply to {@code source} may go out now; takes its token when it may. */
    boolean take(InetAddress source, long nowNanos) {
        Bucket mine = sources.computeIfAbsent(source, s -> new Bucket(perSource, nowNanos));
        if (!mine.has(nowNanos) || !all.has(nowNanos)) {
            return false;
        }
        mine.tokens--;
        all.tokens--;
        return true;
    }

    private static final class Bucket {
        final double rate;
        double tokens;
        long at;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.tokens = 2 * rate;
            this.at = now;
        }

        boolean has(long now) {
            tokens = Math.min(2 * rate, tokens + (now - at) / 1e9 * rate);
            at = now;
            return tokens >= 1;
        }
    }
}
