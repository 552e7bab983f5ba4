package io.x0tta6bl4.support.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting on a condition with a deadline, for the tests of every bundle (the support module's
 * test jar): a test waits for what it needs, never for a fixed time, and a timeout names what
 * was awaited and what was last seen.
 */
public final class Waits {

    /** Between two looks at the condition; short, since most conditions hold within milliseconds. */
    private static final long POLL_MS = 5;

    private Waits() {
    }

    /** For a condition the test's own assertion names. */
    public static void until(Duration limit, BooleanSupplier condition) {
        until("the condition", limit, condition);
    }

    public static void until(String what, Duration limit, BooleanSupplier condition) {
        until(what, limit.toMillis(), condition, () -> "-");
    }

    public static void until(String what, Duration limit, BooleanSupplier condition, Supplier<String> seen) {
        until(what, limit.toMillis(), condition, seen);
    }

    /** Polls {@code condition} until it holds; fails after {@code ms} naming what was awaited and what was last seen. */
    public static void until(String what, long ms, BooleanSupplier condition, Supplier<String> seen) {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + ms + " ms waiting for " + what + "; last seen: "
                        + seen.get());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
