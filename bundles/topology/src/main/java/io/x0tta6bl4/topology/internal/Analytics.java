package io.x0tta6bl4.topology.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-graph figures (diameters, eccentricities), computed once per graph version and
 * kept. A small graph is analysed on the caller's thread. A large one is analysed in the
 * background, its searches spread over worker threads, while callers get the latest
 * finished analysis straight away; only the very first callers wait, a few seconds at
 * most, and then get the cheap figures with the diameters marked pending. Versions
 * that come and go while an analysis runs are skipped: the next run takes the newest.
 */
final class Analytics {

    static final String THREAD_PREFIX = "x0tta6bl4-topology-analytics";
    /** Below this many UP nodes the workers are not worth it. */
    static final int SMALL = 256;
    /**
     * How long the first caller on a large graph waits for the first analysis before it
     * gets the cheap figures with the diameters still pending ({@code -1}).
     */
    static final long FIRST_WAIT_MS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(Analytics.class);

    private final AtomicReference<Result> latest = new AtomicReference<>();
    private final AtomicReference<CompactGraph> requested = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile int syncMaxNodes = TopologyConfig.DEFAULTS.statisticsSyncMaxNodes();
    private volatile int threads = 1;
    private ExecutorService workers;
    private ExecutorService background;

    /** Starts the worker and background threads; without them every analysis runs on the caller. */
    synchronized void start(int workerThreads, int syncMax) {
        stop();
        threads = workerThreads;
        syncMaxNodes = syncMax;
        ThreadPoolExecutor pool = (ThreadPoolExecutor)
                Executors.newFixedThreadPool(workerThreads, named(THREAD_PREFIX + "-"));
        ThreadPoolExecutor scheduler = (ThreadPoolExecutor)
                Executors.newFixedThreadPool(1, named(THREAD_PREFIX + "-scheduler"));
        // every thread exists from the start: the set of threads does not change with use
        pool.prestartAllCoreThreads();
        scheduler.prestartAllCoreThreads();
        workers = pool;
        background = scheduler;
    }

    synchronized void stop() {
        for (ExecutorService e : new ExecutorService[] {background, workers}) {
            if (e == null) {
                continue;
            }
            e.shutdownNow();
            try {
                if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("Topology analytics threads did not stop within 5 s");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        background = null;
        workers = null;
        running.set(false);
    }

    void syncMaxNodes(int value) {
        syncMaxNodes = value;
    }

    /** The analysis of this graph, or on a large graph possibly of an earlier version. */
    GraphStatistics.Analysis analysis(CompactGraph g) {
        Result r = latest.get();
        if (r != null && r.version == g.version) {
            return r.analysis;
        }
        ExecutorService bg;
        ExecutorService w;
        synchronized (this) {
            bg = background;
            w = workers;
        }
        if (bg == null || g.size() <= syncMaxNodes) {
            // a small mesh is done faster on the caller's thread than by handing it out
            GraphStatistics.Analysis a = GraphStatistics.of(g, g.knownCount(), g.size() < SMALL ? null : w, threads);
            offer(g.version, a);
            return a;
        }
        request(g, bg);
        if (r != null) {
            return r.analysis;
        }
        return awaitFirst(g);
    }

    private synchronized GraphStatistics.Analysis awaitFirst(CompactGraph g) {
        long deadline = System.currentTimeMillis() + FIRST_WAIT_MS;
        Result r;
        while ((r = latest.get()) == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || background == null) {
                // never keep a caller waiting long: what is cheap now, the diameters later
                return GraphStatistics.partial(g, g.knownCount());
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topology statistics", e);
            }
        }
        return r.analysis;
    }

    private volatile GraphStatistics.Analysis eccentricities;

    /** Every node's eccentricity for this graph: a search from every node, cached for the version. */
    GraphStatistics.Analysis eccentricities(CompactGraph g) {
        GraphStatistics.Analysis e = eccentricities;
        if (e != null && e.statistics().version() == g.version) {
            return e;
        }
        ExecutorService w;
        synchronized (this) {
            w = workers;
        }
        e = GraphStatistics.full(g, g.knownCount(), w, threads);
        eccentricities = e;
        return e;
    }

    private void request(CompactGraph g, ExecutorService bg) {
        CompactGraph before = requested.getAndAccumulate(g, (a, b) -> a == null || b.version > a.version ? b : a);
        if (before != null && before.version >= g.version) {
            return;
        }
        if (running.compareAndSet(false, true)) {
            try {
                bg.execute(this::drain);
            } catch (RejectedExecutionException e) {
                running.set(false);
            }
        }
    }

    private void drain() {
        try {
            CompactGraph g;
            while ((g = requested.getAndSet(null)) != null && !Thread.currentThread().isInterrupted()) {
                Result r = latest.get();
                if (r != null && r.version >= g.version) {
                    continue;
                }
                ExecutorService w;
                synchronized (this) {
                    w = workers;
                }
                long start = System.nanoTime();
                GraphStatistics.Analysis a = GraphStatistics.of(g, g.knownCount(), w, threads);
                LOG.debug("Analysed topology version {} ({} nodes) in {} ms", g.version, g.size(),
                        (System.nanoTime() - start) / 1_000_000);
                offer(g.version, a);
            }
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("Topology analysis failed: {}", e.toString());
            }
        } finally {
            running.set(false);
        }
        // a request that arrived between the last poll and the reset above
        CompactGraph pending = requested.get();
        ExecutorService bg;
        synchronized (this) {
            bg = background;
        }
        if (pending != null && bg != null && running.compareAndSet(false, true)) {
            try {
                bg.execute(this::drain);
            } catch (RejectedExecutionException e) {
                running.set(false);
            }
        }
    }

    private void offer(long version, GraphStatistics.Analysis a) {
        latest.accumulateAndGet(new Result(version, a), (old, fresh) -> old == null || fresh.version >= old.version
                ? fresh : old);
        synchronized (this) {
            notifyAll();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }

    private record Result(long version, GraphStatistics.Analysis analysis) {
    }
}
