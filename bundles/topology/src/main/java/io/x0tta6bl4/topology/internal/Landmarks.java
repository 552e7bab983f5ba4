package io.x0tta6bl4.topology.internal;

import java.util.Arrays;

/**
 * Lower bounds for A* (the ALT method: A*, landmarks, triangle inequality), from hop
 * counts rather than costs so that they survive metric changes: computed once per graph
 * structure and shared by every version that only changes metrics.
 * <p>
 * Hops are counted over every link between UP nodes in either direction, usable or not.
 * For any path from v to t of k links, {@code |hops(L, t) - hops(L, v)| <= k} for every
 * landmark L, and k times the smallest link weight is at most the path's weight. So
 * {@code minWeight * max_L |hops(L, t) - hops(L, v)|} never overestimates, whatever the
 * metrics, penalties or usability of the links are now; and it changes by at most
 * {@code minWeight} across a link, so it is consistent and A* settles each node once.
 */
final class Landmarks {

    static final int COUNT = 16;

    private final int count;
    /** Hop counts, node-major: {@code hops[v * count + l]}; -1 where another component. */
    private final short[] hops;

    private Landmarks(int count, short[] hops) {
        this.count = count;
        this.hops = hops;
    }

    /** Landmarks chosen farthest-first: each the node farthest (in hops) from those chosen so far. */
    static Landmarks of(UndirectedGraph g) {
        int n = g.size;
        int count = Math.min(COUNT, n);
        short[] hops = new short[n * count];
        int[] nearest = new int[n];
        Arrays.fill(nearest, Integer.MAX_VALUE);
        int[] queue = new int[n];
        int[] dist = new int[n];
        int next = 0;
        for (int l = 0; l < count; l++) {
            bfs(g, next, queue, dist);
            int farthest = next;
            for (int v = 0; v < n; v++) {
                int d = dist[v];
                hops[v * count + l] = (short) Math.min(d, Short.MAX_VALUE);
                if (d >= 0) {
                    nearest[v] = Math.min(nearest[v], d);
                }
            }
            // the next landmark: farthest from all chosen; an unreached component wins outright
            int best = -1;
            for (int v = 0; v < n; v++) {
                int score = dist[v] < 0 && nearest[v] == Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : nearest[v];
                if (best < 0 || score > best) {
                    best = score;
                    farthest = v;
                }
            }
            next = farthest;
        }
        return new Landmarks(count, hops);
    }

    private static void bfs(UndirectedGraph g, int src, int[] queue, int[] dist) {
        Arrays.fill(dist, -1);
        int head = 0;
        int tail = 0;
        queue[tail++] = src;
        dist[src] = 0;
        while (head < tail) {
            int u = queue[head++];
            for (int i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
                int v = g.adjacency[i];
                if (dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
    }

    /** A lower bound, in hops, of any path from {@code v} to {@code t}. */
    int hopsBound(int v, int t) {
        int best = 0;
        int bv = v * count;
        int bt = t * count;
        for (int l = 0; l < count; l++) {
            int hv = hops[bv + l];
            int ht = hops[bt + l];
            if (hv < 0 || ht < 0) {
                continue;
            }
            int d = hv > ht ? hv - ht : ht - hv;
            if (d > best) {
                best = d;
            }
        }
        return best;
    }
}
