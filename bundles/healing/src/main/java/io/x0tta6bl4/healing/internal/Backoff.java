package io.x0tta6bl4.healing.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-target exponential backoff: after the n-th consecutive action on a target that did
 * not fix it, the next action on that target waits {@code initial * 2^(n-1)}, capped at
 * the maximum. A verified success resets the target. Not thread-safe; the engine
 * serialises calls.
 */
final class Backoff {

    private record Entry(int failures, long notBefore) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private long initialMs;
    private long maxMs;

    Backoff(long initialMs, long maxMs) {
        configure(initialMs, maxMs);
    }

    void configure(long newInitialMs, long newMaxMs) {
        this.initialMs = newInitialMs;
        this.maxMs = newMaxMs;
    }

    /** When the next action on the target may run; {@code now} or earlier when it may run at once. */
    long notBefore(String target) {
        Entry e = entries.get(target);
        return e == null ? Long.MIN_VALUE : e.notBefore();
    }

    boolean ready(String target, long now) {
        return notBefore(target) <= now;
    }

    /** An action on the target failed or did not verify; returns the delay imposed. */
    long failed(String target, long now) {
        Entry e = entries.get(target);
        int n = e == null ? 1 : e.failures() + 1;
        long delay = delay(n);
        entries.put(target, new Entry(n, now + delay));
        return delay;
    }

    void succeeded(String target) {
        entries.remove(target);
    }

    int failures(String target) {
        Entry e = entries.get(target);
        return e == null ? 0 : e.failures();
    }

    long delay(int failures) {
        int shift = Math.min(failures - 1, 40);
        long d = initialMs << shift;
        return d <= 0 || d > maxMs ? maxMs : d;
    }
}
