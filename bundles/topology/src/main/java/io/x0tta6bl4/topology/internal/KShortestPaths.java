package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Yen's k shortest loopless paths over a {@link CompactGraph}: each next path deviates
 * from an earlier one at some spur node, with the earlier paths' next edges from that
 * root banned and the root's nodes banned, so no path repeats and none loops.
 */
final class KShortestPaths {

    private KShortestPaths() {
    }

    /** Up to k paths as edge arrays, cheapest first; ties in cost keep discovery order. */
    static List<int[]> find(CompactGraph g, double[] w, int src, int dst, int k) {
        List<int[]> found = new ArrayList<>();
        if (k < 1) {
            return found;
        }
        int[] first = firstPath(g, w, src, dst);
        if (first == null) {
            return found;
        }
        found.add(first);
        if (src == dst) {
            return found;
        }
        PriorityQueue<Candidate> candidates = new PriorityQueue<>();
        Set<List<Integer>> seen = new HashSet<>();
        seen.add(key(first));
        boolean[] bannedNode = new boolean[g.size()];
        boolean[] bannedEdge = new boolean[g.edgeCount()];
        long order = 0;
        while (found.size() < k) {
            int[] previous = found.get(found.size() - 1);
            double rootCost = 0;
            int spur = src;
            for (int i = 0; i < previous.length; i++) {
                // ban the next edge of every found path that shares this root
                List<Integer> bannedEdges = new ArrayList<>();
                for (int[] p : found) {
                    if (p.length > i && samePrefix(p, previous, i)) {
                        bannedEdge[p[i]] = true;
                        bannedEdges.add(p[i]);
                    }
                }
                SearchSpace s = ShortestPaths.search(g, w, spur, dst, bannedNode, bannedEdge);
                int[] tail = ShortestPaths.edgesTo(g, s, spur, dst);
                if (tail != null) {
                    int[] path = Arrays.copyOf(previous, i + tail.length);
                    System.arraycopy(tail, 0, path, i, tail.length);
                    if (seen.add(key(path))) {
                        candidates.add(new Candidate(rootCost + s.distance(dst), order++, path));
                    }
                }
                bannedEdges.forEach(e -> bannedEdge[e] = false);
                bannedNode[spur] = true;
                rootCost += w[previous[i]];
                spur = g.target[previous[i]];
            }
            Arrays.fill(bannedNode, false);
            Candidate next = candidates.poll();
            if (next == null) {
                break;
            }
            found.add(next.edges);
        }
        return found;
    }

    private static int[] firstPath(CompactGraph g, double[] w, int src, int dst) {
        SearchSpace s = ShortestPaths.search(g, w, src, dst, null, null);
        return ShortestPaths.edgesTo(g, s, src, dst);
    }

    private static boolean samePrefix(int[] a, int[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> key(int[] edges) {
        List<Integer> k = new ArrayList<>(edges.length);
        for (int e : edges) {
            k.add(e);
        }
        return k;
    }

    private record Candidate(double cost, long order, int[] edges) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            int c = Double.compare(cost, o.cost);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
