package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact diameter without a search from every node. A pivot {@code c} (the most
 * central of a few sampled nodes) gives every node an upper bound of its eccentricity,
 * {@code ecc(v) <= d(v, c) + ecc(c)}, from one search on the reversed links. Nodes are
 * then searched in decreasing order of that bound, and the search stops as soon as the
 * next bound is no larger than the largest eccentricity found: no node left can be
 * farther from anything. On a mesh, only the rim is searched.
 * <p>
 * The bound needs {@code c} to reach everything {@code v} reaches: it is used only when
 * c's weakly connected component is strongly connected (c reaches it all and all of it
 * reaches c); nodes elsewhere, or every node if that does not hold, are searched.
 */
final class DiameterBounds {

    private static final int SAMPLES = 8;
    private static final int CHUNK = 8;

    private DiameterBounds() {
    }

    /** The largest finite distance between two UP nodes under weights {@code w}, or -1 if unsuitable. */
    static double diameter(CompactGraph g, double[] w, int[] componentRoot, ExecutorService executor, int threads) {
        int n = g.size();
        if (n == 0) {
            return 0;
        }
        double min = g.minWeight(w);
        double max = 0;
        for (double x : w) {
            if (x != Double.POSITIVE_INFINITY && x > max) {
                max = x;
            }
        }
        if (!BucketSearch.suits(min, max)) {
            return -1;
        }
        double maxWeight = max;
        BucketSearch search = new BucketSearch(n);
        double found = 0;
        int pivot = 0;
        double pivotEcc = Double.POSITIVE_INFINITY;
        int pivotReach = 0;
        for (int k = 0; k < Math.min(SAMPLES, n); k++) {
            int v = (int) ((long) k * n / Math.min(SAMPLES, n));
            double e = search.eccentricity(g, w, v, min, maxWeight);
            found = Math.max(found, e);
            // the most central node of the largest reach
            if (search.reached() > pivotReach || (search.reached() == pivotReach && e < pivotEcc)) {
                pivot = v;
                pivotEcc = e;
                pivotReach = search.reached();
            }
        }
        double[] toPivot = search.distancesTo(g, w, pivot, min, maxWeight);
        int backwardReach = search.reached();
        int componentSize = 0;
        for (int v = 0; v < n; v++) {
            if (componentRoot[v] == componentRoot[pivot]) {
                componentSize++;
            }
        }
        boolean strong = pivotReach == componentSize && backwardReach == componentSize;
        double[] bound = new double[n];
        Integer[] order = new Integer[n];
        for (int v = 0; v < n; v++) {
            order[v] = v;
            bound[v] = strong && toPivot[v] != Double.POSITIVE_INFINITY ? toPivot[v] + pivotEcc
                    : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer v) -> bound[v]).reversed());
        double[] best = {found};
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            BucketSearch mine = new BucketSearch(n);
            for (int from = next.getAndAdd(CHUNK); from < n; from = next.getAndAdd(CHUNK)) {
                for (int i = from; i < Math.min(n, from + CHUNK); i++) {
                    int v = order[i];
                    if (bound[v] <= current(best)) {
                        return;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    raise(best, mine.eccentricity(g, w, v, min, maxWeight));
                }
            }
        };
        run(worker, executor, threads);
        return current(best);
    }

    private static double current(double[] best) {
        synchronized (best) {
            return best[0];
        }
    }

    private static void raise(double[] best, double value) {
        synchronized (best) {
            if (value > best[0]) {
                best[0] = value;
            }
        }
    }

    static void run(Runnable worker, ExecutorService executor, int threads) {
        if (executor == null || threads <= 1) {
            worker.run();
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(executor.submit(worker));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(r -> r.cancel(true));
                throw new IllegalStateException("diameter interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("diameter failed", e.getCause());
            }
        }
    }
}
