package io.x0tta6bl4.healing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.DetectorInfo;

/**
 * Calls one plugin's anomaly detector on a thread of its own, a sample's observations at a
 * time, with a deadline: a detector that blocks holds up neither the sample timer nor the
 * other detectors. Past the deadline its call is interrupted and its answers for that sample
 * are dropped; while the call has not returned, the detector is skipped (so it is still only
 * ever called from one thread, one call at a time, as {@link AnomalyDetector} promises) and
 * healing says so once, in one line, and again when it answers again.
 */
final class DetectorRunner implements AutoCloseable {

    static final String THREAD_PREFIX = "x0tta6bl4-healing-detector-";
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** One value of one link's metric, as fed to detectors. */
    record Observation(String subject, String metric, double value, long timestamp) {
    }

    private final AnomalyDetector detector;
    private final String name;
    private final Consumer<String> warn;
    private final ExecutorService worker;
    /** Set from the moment a batch is handed over until the detector's call returns. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean reportedStuck = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    DetectorRunner(AnomalyDetector detector, String name, Consumer<String> warn) {
        this.detector = detector;
        this.name = name;
        this.warn = warn;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, THREAD_PREFIX + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.worker = pool;
    }

    /** How it behaved so far, for {@code HealingService.detectors()}. */
    DetectorInfo info() {
        return new DetectorInfo(name, timeouts.get(), skipped.get(), failures.get(), busy.get() && reportedStuck.get());
    }

    long timeouts() {
        return timeouts.get();
    }

    long skipped() {
        return skipped.get();
    }

    long failures() {
        return failures.get();
    }

    /**
     * Hands a sample over: first the subjects to forget, then the observations. Returns the
     * pending answers, one per observation (empty for none), or null when the detector is
     * still inside an earlier call and is skipped.
     */
    Future<List<Optional<Anomaly>>> submit(List<String> forget, List<Observation> batch) {
        if (!busy.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            return null;
        }
        try {
            return worker.submit(() -> {
                try {
                    return run(forget, batch);
                } finally {
                    busy.set(false);
                }
            });
        } catch (RejectedExecutionException closed) {
            busy.set(false);
            return null;
        }
    }

    /** The detector's answers, or null when it missed the deadline (then it is interrupted). */
    List<Optional<Anomaly>> await(Future<List<Optional<Anomaly>>> pending, long deadlineNanos, long timeoutMs)
            throws InterruptedException {
        if (pending == null) {
            return null;
        }
        try {
            List<Optional<Anomaly>> answers = pending.get(Math.max(0, deadlineNanos - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            if (reportedStuck.compareAndSet(true, false)) {
                warn.accept("Anomaly detector " + name + " answers again (" + timeouts.get() + " samples cut off, "
                        + skipped.get() + " skipped so far)");
            }
            return answers;
        } catch (TimeoutException e) {
            timeouts.incrementAndGet();
            pending.cancel(true);
            if (reportedStuck.compareAndSet(false, true)) {
                warn.accept("Anomaly detector " + name + " did not answer within " + timeoutMs
                        + " ms: interrupted, its answers for this sample dropped, and it is skipped until its call returns");
            }
            return null;
        } catch (ExecutionException e) {
            // run() catches what the detector throws; this is an Error
            failures.incrementAndGet();
            warn.accept("Anomaly detector " + name + " failed: " + e.getCause());
            return null;
        }
    }

    private List<Optional<Anomaly>> run(List<String> forget, List<Observation> batch) {
        for (String subject : forget) {
            try {
                detector.forget(subject);
            } catch (RuntimeException ex) {
                failed("forgetting " + subject, ex);
            }
        }
        List<Optional<Anomaly>> out = new ArrayList<>(batch.size());
        for (Observation o : batch) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            Optional<Anomaly> a;
            try {
                a = detector.observe(o.subject(), o.metric(), o.value(), o.timestamp());
            } catch (RuntimeException ex) {
                failed("on " + o.subject(), ex);
                a = Optional.empty();
            }
            out.add(a == null ? Optional.empty() : a);
        }
        return out;
    }

    private void failed(String what, RuntimeException ex) {
        long n = failures.incrementAndGet();
        if (n <= 10 || n % 1000 == 0) {
            warn.accept("Anomaly detector " + name + " failed " + what + ": " + ex + " (" + n + " failures so far)");
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
