package io.x0tta6bl4.support.concurrent;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A bundle's single daemon threads, each named so the hot-swap tests can see that a stop leaves
 * none behind.
 */
public final class NamedThreads {

    private NamedThreads() {
    }

    /** One thread; cancelled tasks leave the queue and nothing delayed runs after shutdown. */
    public static ScheduledThreadPoolExecutor single(String name) {
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
