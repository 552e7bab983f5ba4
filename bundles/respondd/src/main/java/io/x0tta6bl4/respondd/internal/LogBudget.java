package io.x0tta6bl4.respondd.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most one log line per kind and period: a flood of bad queries is counted, not logged
 * line by line. Keeps the last {@value #MAX_KINDS} kinds. One thread.
 */
final class LogBudget {

    static final int MAX_KINDS = 64;

    private final long periodMs;
    private final Map<String, Long> last = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_KINDS;
        }
    };

    LogBudget(long periodMs) {
        this.periodMs = periodMs;
    }

    boolean allows(String kind) {
        long now = System.currentTimeMillis();
        Long at = last.get(kind);
        if (at != null && now - at < periodMs) {
            return false;
        }
        last.put(kind, now);
        return true;
    }
}
