package io.x0tta6bl4.batman.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The bundle's single daemon threads, each named so the hot-swap test can see that a stop
 * leaves none behind.
 */
final class NamedThreads {

    private NamedThreads() {
    }

    /** One thread; cancelled tasks leave the queue and nothing delayed runs after shutdown. */
    static ScheduledThreadPoolExecutor single(String name) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }
}
