package io.x0tta6bl4.topology.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.topology.LinkPenalty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the model's penalties go to and come back from their {@link PenaltyStore}: read back
 * once at activation, written after every change and once more on stop. Disk work runs on the
 * batcher thread, never on a provider's or an operator's call, and the restore runs there
 * before any save: a save before it would overwrite the penalties still on disk. Without a
 * store (no data area) penalties live in memory only.
 */
final class PenaltyPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(PenaltyPersistence.class);

    private final TopologyModel model;
    private final EventPublisher events;
    private final Clock clock;
    /** Where penalties are kept across updates and restarts; null keeps them in memory only. */
    private volatile PenaltyStore store;
    /** The batcher, once the component started; until then a change is saved on the caller. */
    private volatile Executor executor;
    /** The model's change count last written; -1 until the first save. */
    private final AtomicLong saved = new AtomicLong(-1);
    /** No save before the stored penalties are back in the model: it would overwrite them. */
    private volatile boolean restored;

    PenaltyPersistence(TopologyModel model, EventPublisher events, Clock clock) {
        this.model = model;
        this.events = events;
        this.clock = clock;
    }

    /** Keeps penalties in {@code file}. */
    void keepIn(Path file) {
        store = new PenaltyStore(file, LOG::warn);
    }

    /** Queues the restore on the batcher, off the activation thread; saves queue behind it. */
    void start(Executor batcher) {
        executor = batcher;
        if (store != null) {
            batcher.execute(this::restore);
        }
    }

    /**
     * The last save, after the batcher stopped: a change whose save was still queued is
     * written now, so an update keeps it. When the queued restore had not run yet (a stop
     * right after the start), it runs now first: the saved penalties join those set since,
     * instead of blocking the save.
     */
    void stop() {
        if (store != null && !restored) {
            restore();
        } else {
            save();
        }
    }

    /** Queues a save on the batcher when the penalties changed since the last one. */
    void changed() {
        if (store == null || model.penaltyChanges() == saved.get()) {
            return;
        }
        Executor e = executor;
        if (e == null) {
            save();
            return;
        }
        try {
            e.execute(this::save);
        } catch (RejectedExecutionException stopping) {
            // stop() saves what is left
        }
    }

    private void restore() {
        PenaltyStore s = store;
        List<LinkPenalty> loaded = s.load(Instant.now(clock));
        if (!loaded.isEmpty()) {
            LOG.info("Restored {} link penalties still in force", loaded.size());
            events.publish(model.restorePenalties(loaded));
        }
        if (loaded.isEmpty() && model.penaltyChanges() == 0) {
            saved.compareAndSet(-1, 0);
        }
        restored = true;
        save();
    }

    private synchronized void save() {
        PenaltyStore s = store;
        long changes = model.penaltyChanges();
        if (s == null || !restored || changes == saved.get()) {
            return;
        }
        try {
            s.save(model.penalties());
            saved.set(changes);
        } catch (IOException e) {
            LOG.warn("link penalties could not be saved (they stay in force until the bundle stops): {}", e.toString());
        }
    }
}
