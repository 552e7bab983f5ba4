package io.x0tta6bl4.topology.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the liveness sweep on its own thread, so neither DS nor EventAdmin threads ever
 * wait on it. The interval can change without restarting the thread.
 */
final class NodeSweeper {

    static final String THREAD_NAME = "x0tta6bl4-topology-sweeper";

    private static final Logger LOG = LoggerFactory.getLogger(NodeSweeper.class);

    private final Runnable sweep;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> task;
    private long intervalMs;

    NodeSweeper(Runnable sweep) {
        this.sweep = sweep;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void schedule(long newIntervalMs) {
        if (task != null && newIntervalMs == intervalMs) {
            return;
        }
        if (task != null) {
            task.cancel(false);
        }
        intervalMs = newIntervalMs;
        task = executor.scheduleWithFixedDelay(this::runSafely, newIntervalMs, newIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread and waits for a sweep in progress, so nothing outlives the component. */
    void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Thread {} did not stop within 5 s", THREAD_NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely() {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task and silently stop liveness checks
            LOG.error("Topology sweep failed", e);
        }
    }
}
