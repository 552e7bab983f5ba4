package io.x0tta6bl4.identity.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a source reports, for tests that wait with a deadline. */
final class Recorder implements IdentitySource.Listener {

    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void update(SvidMaterial svid) {
        events.add(svid);
    }

    @Override
    public void down(String reason) {
        events.add(reason);
    }

    /** The next update within the timeout, skipping down reports; fails when none comes. */
    SvidMaterial nextUpdate(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Object o = events.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (o == null) {
                throw new AssertionError("no SVID update within " + timeoutMs + " ms");
            }
            if (o instanceof SvidMaterial m) {
                return m;
            }
        }
    }

    /** The next down report within the timeout, skipping updates; fails when none comes. */
    String nextDown(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Object o = events.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (o == null) {
                throw new AssertionError("no down report within " + timeoutMs + " ms");
            }
            if (o instanceof String s) {
                return s;
            }
        }
    }
}
