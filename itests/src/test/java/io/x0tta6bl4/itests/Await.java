package io.x0tta6bl4.itests;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling it, and fails with what was last seen. */
final class Await {

    private static final long POLL_MS = 50;

    private Await() {
    }

    /** Returns how long the condition took to hold. */
    static Duration until(String what, Duration timeout, BooleanSupplier condition) {
        return until(what, timeout, condition, () -> "");
    }

    static Duration until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                        + what + "; last seen: " + lastSeen.get());
            }
            pause();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
