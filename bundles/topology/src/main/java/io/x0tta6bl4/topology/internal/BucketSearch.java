package io.x0tta6bl4.topology.internal;

import java.util.Arrays;

/**
 * Single-source shortest distances with a bucket queue instead of a heap (Dial's
 * algorithm for real weights): buckets one smallest-weight wide, so every node in the
 * current bucket is final together and needs no ordering among them; the buckets are
 * used in a ring of {@code maxWeight / minWeight + 2}. Constant time per queue operation
 * instead of a logarithm: the workhorse of whole-mesh analytics, where the quality cost
 * of every link lies within [1, 20]. One per worker thread; not thread-safe.
 */
final class BucketSearch {

    private final int n;
    private final double[] distance;
    private final int[] stamp;
    private final boolean[] settledIn;
    private int generation;
    private int reached;
    private int[][] slots = new int[0][];
    private int[] fill = new int[0];

    BucketSearch(int n) {
        this.n = n;
        distance = new double[n];
        stamp = new int[n];
        settledIn = new boolean[n];
    }

    /** Whether the weights suit a bucket queue: a positive smallest weight, not too many buckets. */
    static boolean suits(double minWeight, double maxWeight) {
        return minWeight > 0 && maxWeight / minWeight < 100_000;
    }

    /**
     * The largest finite distance from {@code src} (its eccentricity), 0 if it reaches nothing.
     *
     * @param minWeight the smallest finite weight, > 0
     * @param maxWeight the largest finite weight
     */
    double eccentricity(CompactGraph g, double[] w, int src, double minWeight, double maxWeight) {
        return run(g, w, src, minWeight, maxWeight, false);
    }

    /** How many nodes the last search settled, its source included. */
    int reached() {
        return reached;
    }

    /** The distance of every node to {@code dst} (a search on the reversed links); infinite where none. */
    double[] distancesTo(CompactGraph g, double[] w, int dst, double minWeight, double maxWeight) {
        run(g, w, dst, minWeight, maxWeight, true);
        double[] out = new double[n];
        for (int v = 0; v < n; v++) {
            out[v] = settledIn[v] ? distance[v] : Double.POSITIVE_INFINITY;
        }
        return out;
    }

    private double run(CompactGraph g, double[] w, int src, double minWeight, double maxWeight, boolean reverse) {
        int ring = (int) (maxWeight / minWeight) + 2;
        if (slots.length < ring) {
            slots = new int[ring][16];
            fill = new int[ring];
        }
        generation++;
        Arrays.fill(settledIn, false);
        int[] start = reverse ? g.inStart : g.outStart;
        int[] target = g.target;
        int[] source = g.source;
        int[] inEdge = g.inEdge;
        reached = 0;
        stamp[src] = generation;
        distance[src] = 0;
        push(0, src);
        int queued = 1;
        long bucket = 0;
        double max = 0;
        while (queued > 0) {
            int slot = (int) (bucket % ring);
            while (fill[slot] > 0) {
                int u = slots[slot][--fill[slot]];
                queued--;
                if (settledIn[u] || (long) (distance[u] / minWeight) != bucket) {
                    continue;
                }
                settledIn[u] = true;
                reached++;
                double du = distance[u];
                if (du > max) {
                    max = du;
                }
                for (int i = start[u], end = start[u + 1]; i < end; i++) {
                    int e = reverse ? inEdge[i] : i;
                    double we = w[e];
                    if (we == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int v = reverse ? source[e] : target[e];
                    if (settledIn[v]) {
                        continue;
                    }
                    double d = du + we;
                    if (stamp[v] != generation || d < distance[v]) {
                        stamp[v] = generation;
                        distance[v] = d;
                        push((int) ((long) (d / minWeight) % ring), v);
                        queued++;
                    }
                }
            }
            bucket++;
        }
        return max;
    }

    private void push(int slot, int v) {
        int[] s = slots[slot];
        if (fill[slot] == s.length) {
            s = Arrays.copyOf(s, s.length * 2);
            slots[slot] = s;
        }
        s[fill[slot]++] = v;
    }

    int size() {
        return n;
    }
}
