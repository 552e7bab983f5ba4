package io.x0tta6bl4.topology.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Groups provider calls into versions, as ONOS's accumulator batches topology events: calls
 * from one source join the open {@link ChangeSet}; it closes after {@link Batching#maxCalls}
 * calls, {@link Batching#idleMs} without a call or {@link Batching#maxMs} after it opened (on
 * the timer), when another source writes, and whenever a reader asks, so a reader always sees
 * every call that has returned. Closing hands the batch to the model, which makes it the next
 * version. The lock is the model's: the timer must close batches under the same lock as the
 * writers and readers, or a version could be published half applied.
 */
final class ChangeAccumulator {

    /**
     * How provider calls are grouped into versions.
     *
     * @param maxCalls calls after which a batch closes at once; 1 closes every call at once
     * @param idleMs   a batch closes after this long without a further call
     * @param maxMs    a batch closes after this long however busy the provider is
     */
    record Batching(int maxCalls, long idleMs, long maxMs) {
        static final Batching IMMEDIATE = new Batching(1, 0, 0);
        static final Batching DEFAULT = new Batching(1000, 10, 50);
    }

    private final Object lock;
    private final Clock clock;
    /** Makes a closed batch the next version and returns its events; called under the lock. */
    private final Function<ChangeSet, Changes> nextVersion;
    /** The batch collecting provider calls, null when none is open. */
    private ChangeSet open;
    /** Whether a batch is open, for readers that check before taking the lock. */
    private volatile boolean batchOpen;
    private long openedNanos;
    private long lastCallNanos;
    private volatile Batching batching = Batching.IMMEDIATE;
    /** Receives the changes of batches closed by a reader or by the batching timer. */
    private volatile Consumer<Changes> closedElsewhere = c -> { };
    private ScheduledExecutorService timer;

    ChangeAccumulator(Object lock, Clock clock, Function<ChangeSet, Changes> nextVersion) {
        this.lock = lock;
        this.clock = clock;
        this.nextVersion = nextVersion;
    }

    /**
     * Starts batching provider calls: calls within a burst become one version and one set
     * of events.
     */
    void batch(Batching policy, ScheduledExecutorService newTimer, Consumer<Changes> sink) {
        synchronized (lock) {
            this.batching = policy;
            this.timer = newTimer;
            this.closedElsewhere = sink;
        }
    }

    /** Back to one version per call; closes the open batch. */
    Changes stopBatching() {
        synchronized (lock) {
            batching = Batching.IMMEDIATE;
            timer = null;
            return close();
        }
    }

    /** Whether a batch is open; read without the lock, so a reader with nothing to close never waits. */
    boolean isOpen() {
        return batchOpen;
    }

    /** Hands the changes of a batch a reader closed to the sink; call after releasing the lock. */
    void post(Changes closed) {
        closedElsewhere.accept(closed);
    }

    /**
     * Applies a mutation, joining the open batch when it comes from the same source.
     * Returns the changes of any batch this call closed, for the caller to post.
     */
    Changes apply(String source, Consumer<ChangeSet> mutation) {
        synchronized (lock) {
            Changes closed = Changes.NONE;
            if (open != null && !open.source().equals(source)) {
                closed = close();
            }
            Instant now = clock.instant();
            ChangeSet cs = open;
            if (cs == null) {
                cs = new ChangeSet(source, now);
            } else {
                cs.advance(now);
            }
            mutation.accept(cs);
            if (!cs.isModified()) {
                return closed;
            }
            long nanos = System.nanoTime();
            if (open == null) {
                open = cs;
                batchOpen = true;
                openedNanos = nanos;
                schedule(batching.idleMs());
            }
            lastCallNanos = nanos;
            if (timer == null || cs.countOperation() >= batching.maxCalls()) {
                closed = Changes.concat(closed, close());
            }
            return closed;
        }
    }

    /** Closes the open batch: one new version, its graph and its events. Under the lock. */
    Changes close() {
        ChangeSet cs = open;
        if (cs == null) {
            return Changes.NONE;
        }
        open = null;
        batchOpen = false;
        return nextVersion.apply(cs);
    }

    private void schedule(long delayMs) {
        ScheduledExecutorService t = timer;
        if (t == null) {
            return;
        }
        try {
            t.schedule(this::closeIfDue, Math.max(1, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the component is stopping: the next reader closes the batch
        }
    }

    /** The batching timer: closes the batch once it is idle or old enough, else looks again later. */
    private void closeIfDue() {
        Changes closed = Changes.NONE;
        synchronized (lock) {
            if (open == null) {
                return;
            }
            long now = System.nanoTime();
            Batching b = batching;
            long idleDue = lastCallNanos + TimeUnit.MILLISECONDS.toNanos(b.idleMs());
            long maxDue = openedNanos + TimeUnit.MILLISECONDS.toNanos(b.maxMs());
            long due = Math.min(idleDue, maxDue);
            if (now >= due) {
                closed = close();
            } else {
                schedule(TimeUnit.NANOSECONDS.toMillis(due - now) + 1);
            }
        }
        post(closed);
    }
}
