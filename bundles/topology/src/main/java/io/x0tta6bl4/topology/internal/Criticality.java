package io.x0tta6bl4.topology.internal;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.function.IntFunction;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Articulation points and bridges by Hopcroft-Tarjan low-link numbers, one depth-first
 * search per component, iterative so that a long chain of nodes cannot overflow the
 * stack. Linear in nodes plus links.
 */
final class Criticality {

    private Criticality() {
    }

    static CriticalElements of(long version, UndirectedGraph g, IntFunction<NodeId> id) {
        int n = g.size;
        int[] order = new int[n];
        int[] low = new int[n];
        int[] parent = new int[n];
        int[] next = new int[n];
        int[] stack = new int[n];
        boolean[] articulation = new boolean[n];
        Arrays.fill(order, -1);
        TreeSet<LinkId> bridges = new TreeSet<>();
        int counter = 0;
        for (int root = 0; root < n; root++) {
            if (order[root] >= 0) {
                continue;
            }
            int rootChildren = 0;
            int top = 0;
            stack[top++] = root;
            parent[root] = -1;
            order[root] = low[root] = counter++;
            next[root] = g.offsets[root];
            while (top > 0) {
                int u = stack[top - 1];
                if (next[u] < g.offsets[u + 1]) {
                    int v = g.adjacency[next[u]++];
                    if (order[v] < 0) {
                        parent[v] = u;
                        order[v] = low[v] = counter++;
                        next[v] = g.offsets[v];
                        stack[top++] = v;
                        if (u == root) {
                            rootChildren++;
                        }
                    } else if (v != parent[u]) {
                        low[u] = Math.min(low[u], order[v]);
                    }
                } else {
                    top--;
                    int p = parent[u];
                    if (p >= 0) {
                        low[p] = Math.min(low[p], low[u]);
                        if (low[u] > order[p]) {
                            bridges.add(undirected(id.apply(p), id.apply(u)));
                        }
                        if (p != root && low[u] >= order[p]) {
                            articulation[p] = true;
                        }
                    }
                }
            }
            if (rootChildren > 1) {
                articulation[root] = true;
            }
        }
        TreeSet<NodeId> points = new TreeSet<>();
        for (int u = 0; u < n; u++) {
            if (articulation[u]) {
                points.add(id.apply(u));
            }
        }
        return new CriticalElements(version, points, bridges);
    }

    static LinkId undirected(NodeId a, NodeId b) {
        return a.compareTo(b) < 0 ? new LinkId(a, b) : new LinkId(b, a);
    }
}
