package io.x0tta6bl4.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Token buckets for the health events a hostile neighbour can cause (failed and unattested
 * peers): one bucket per kind and one per (kind, subject), so a flood of failed handshakes
 * cannot push other bundles' events (a real NODE_DOWN) out of healing's intake, and one
 * noisy address cannot use up its kind's budget for everyone else. What is held back is
 * counted and reported by {@link #drainSuppressed}. The subjects remembered are bounded;
 * the least recently used is forgotten first.
 */
final class EventThrottle {

    /** Subjects remembered at most, across kinds. */
    static final int MAX_SUBJECTS = 1024;

    private final int kindBurst;
    private final double kindPerMs;
    private final int subjectBurst;
    private final double subjectPerMs;
    private final LongSupplier clockMs;
    private final Map<String, Bucket> kinds = new LinkedHashMap<>();
    private final Map<String, Bucket> subjects = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SUBJECTS;
        }
    };
    private final Map<String, Long> suppressed = new TreeMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        boolean take(int burst, double perMs, long now) {
            tokens = Math.min(burst, tokens + (now - at) * perMs);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /**
     * @param kindBurst        events of one kind that may pass at once
     * @param kindPerMinute    events of one kind per minute in the long run
     * @param subjectBurst     events of one kind about one subject at once
     * @param subjectPerMinute events of one kind about one subject per minute in the long run
     */
    EventThrottle(int kindBurst, int kindPerMinute, int subjectBurst, int subjectPerMinute, LongSupplier clockMs) {
        this.kindBurst = kindBurst;
        this.kindPerMs = kindPerMinute / 60_000.0;
        this.subjectBurst = subjectBurst;
        this.subjectPerMs = subjectPerMinute / 60_000.0;
        this.clockMs = clockMs;
    }

    /** True when an event of this kind about this subject may be posted now; else it is counted. */
    synchronized boolean allow(String kind, String subject) {
        long now = clockMs.getAsLong();
        Bucket s = subjects.computeIfAbsent(kind + " " + subject, k -> new Bucket(subjectBurst, now));
        Bucket k = kinds.computeIfAbsent(kind, x -> new Bucket(kindBurst, now));
        // the subject's bucket first: a subject over its own budget does not spend the kind's
        if (s.take(subjectBurst, subjectPerMs, now) && k.take(kindBurst, kindPerMs, now)) {
            return true;
        }
        suppressed.merge(kind, 1L, Long::sum);
        return false;
    }

    /** Events held back per kind since the last call; empty when none. */
    synchronized Map<String, Long> drainSuppressed() {
        Map<String, Long> out = Map.copyOf(suppressed);
        suppressed.clear();
        return out;
    }
}
