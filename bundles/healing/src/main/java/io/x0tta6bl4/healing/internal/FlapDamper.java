package io.x0tta6bl4.healing.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * RFC 2439 style flap damping per subject: every failure adds a fixed penalty; the
 * penalty decays exponentially with the half-life; a subject whose penalty exceeds the
 * suppress limit is damped until the penalty has decayed below the reuse limit. The
 * penalty is capped so a subject is never damped for more than four half-lives after it
 * stops flapping. Not thread-safe; the engine serialises calls.
 */
final class FlapDamper {

    private record Entry(double penalty, long at, boolean suppressed) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private double penalty;
    private double suppress;
    private double reuse;
    private long halfLifeMs;

    FlapDamper(double penalty, double suppress, double reuse, long halfLifeMs) {
        configure(penalty, suppress, reuse, halfLifeMs);
    }

    void configure(double newPenalty, double newSuppress, double newReuse, long newHalfLifeMs) {
        this.penalty = newPenalty;
        this.suppress = newSuppress;
        this.reuse = newReuse;
        this.halfLifeMs = newHalfLifeMs;
    }

    /** Records a failure of the subject; returns whether it is damped now. */
    boolean fail(String subject, long now) {
        Entry e = entries.get(subject);
        double p = (e == null ? 0 : decayed(e, now)) + penalty;
        p = Math.min(p, reuse * 16); // four half-lives at most to fall below reuse
        boolean suppressed = (e != null && e.suppressed() && p >= reuse) || p > suppress;
        entries.put(subject, new Entry(p, now, suppressed));
        return suppressed;
    }

    /** Whether the subject is damped now; a subject whose penalty decayed below reuse is released. */
    boolean isDamped(String subject, long now) {
        Entry e = entries.get(subject);
        if (e == null || !e.suppressed()) {
            return false;
        }
        double p = decayed(e, now);
        if (p < reuse) {
            entries.put(subject, new Entry(p, now, false));
            return false;
        }
        return true;
    }

    /** The current penalty of the subject. */
    double penalty(String subject, long now) {
        Entry e = entries.get(subject);
        return e == null ? 0 : decayed(e, now);
    }

    /** Forgets subjects whose penalty has decayed to almost nothing. */
    void prune(long now) {
        entries.entrySet().removeIf(x -> !x.getValue().suppressed() && decayed(x.getValue(), now) < 1);
    }

    private double decayed(Entry e, long now) {
        long dt = Math.max(0, now - e.at());
        return e.penalty() * Math.pow(0.5, (double) dt / halfLifeMs);
    }
}
