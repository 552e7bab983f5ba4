package io.x0tta6bl4.ebpf.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;

import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health reporting: a timer on the thread {@code x0tta6bl4-ebpf-health} that starts each poll
 * (the manager runs it on the kernel thread), and the drop counters read there turned into
 * health events for EventAdmin, bounded per peer and per minute by the {@link DropReporter}.
 */
final class GuardHealth {

    private static final Logger LOG = LoggerFactory.getLogger(GuardHealth.class);

    private final DropReporter reporter = new DropReporter();
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;

    GuardHealth() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "x0tta6bl4-ebpf-health");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        scheduler = s;
    }

    /** Runs {@code poll} every {@code everyMs}, replacing the schedule there was. */
    synchronized void every(long everyMs, Runnable poll) {
        if (task != null) {
            task.cancel(false);
        }
        task = scheduler.scheduleWithFixedDelay(poll, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    void eventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void noEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    /** Takes counters that outlived the bundle (pinned maps) as the baseline: only later drops are news. */
    void prime(BpfObject guard) {
        try {
            reporter.prime(GuardMapAccess.counters(guard));
        } catch (BpfException e) {
            LOG.debug("Reused counters cannot be read: {}", e.getMessage());
        }
    }

    /** Reads the drop counters and posts what is news; on the kernel thread. */
    void report(BpfObject guard, Map<String, String> quarantine, Set<String> allowed, boolean enforcing,
                EbpfConfig config) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null || guard == null) {
            return;
        }
        try {
            List<HealthEvent> events = reporter.observe(GuardMapAccess.counters(guard), quarantine, allowed, enforcing,
                    System.currentTimeMillis(), config.healthPeerIntervalMs(), config.healthMaxPerMinute());
            for (HealthEvent e : events) {
                admin.postEvent(e.toEvent());
            }
        } catch (BpfException | RuntimeException e) {
            LOG.debug("Could not read drop counters", e);
        }
    }

    void stop() {
        scheduler.shutdownNow();
    }

    void awaitStop() {
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
