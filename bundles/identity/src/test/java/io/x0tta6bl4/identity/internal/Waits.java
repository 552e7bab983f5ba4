package io.x0tta6bl4.identity.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline, for the tests of this bundle. */
final class Waits {

    private Waits() {
    }

    /** Polls {@code cond} until it holds; fails after {@code ms} naming what was awaited and what was last seen. */
    static void until(String what, long ms, BooleanSupplier cond, Supplier<String> seen) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + ms + " ms waiting for " + what + "; last seen: "
                        + seen.get());
            }
            Thread.sleep(20);
        }
    }
}
