package io.x0tta6bl4.sim.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Logs a recurring failure once per distinct message rather than once per tick, so a
 * topology service refusing reports does not flood the log every second. After a success
 * the slate is wiped: a failure that comes back is news again.
 */
final class DistinctFailureLog {

    /** Bounds memory if every message is different (e.g. it carries a timestamp). */
    private static final int MAX_REMEMBERED = 64;

    private final Set<String> logged = new HashSet<>();

    /** @return true if this message has not been logged since the last success */
    synchronized boolean firstTime(Throwable failure) {
        String message = failure.getClass().getName() + ": " + failure.getMessage();
        if (logged.size() >= MAX_REMEMBERED) {
            return false;
        }
        return logged.add(message);
    }

    /** @return true if failures had been logged since the last success */
    synchronized boolean succeeded() {
        boolean hadFailures = !logged.isEmpty();
        logged.clear();
        return hadFailures;
    }
}
