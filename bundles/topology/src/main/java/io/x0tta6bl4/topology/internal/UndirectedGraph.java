package io.x0tta6bl4.topology.internal;

import java.util.Arrays;

/**
 * The usable part of a graph as a simple undirected graph in compressed form: the
 * neighbours of {@code u} are {@code adjacency[offsets[u] .. offsets[u + 1])}, sorted,
 * without duplicates. Two nodes are neighbours when a usable link joins them in either
 * direction.
 */
final class UndirectedGraph {

    final int size;
    final int[] offsets;
    final int[] adjacency;

    private UndirectedGraph(int size, int[] offsets, int[] adjacency) {
        this.size = size;
        this.offsets = offsets;
        this.adjacency = adjacency;
    }

    /**
     * @param from  tail of each usable directed edge
     * @param to    head of each usable directed edge
     * @param count how many entries of {@code from}/{@code to} are edges
     */
    static UndirectedGraph of(int size, int[] from, int[] to, int count) {
        int[] degree = new int[size + 1];
        for (int e = 0; e < count; e++) {
            degree[from[e]]++;
            degree[to[e]]++;
        }
        int[] start = new int[size + 1];
        for (int u = 0; u < size; u++) {
            start[u + 1] = start[u] + degree[u];
        }
        int[] fill = Arrays.copyOf(start, size);
        int[] raw = new int[start[size]];
        for (int e = 0; e < count; e++) {
            raw[fill[from[e]]++] = to[e];
            raw[fill[to[e]]++] = from[e];
        }
        // sort each neighbour list and drop duplicates (a->b and b->a both present)
        int[] offsets = new int[size + 1];
        int w = 0;
        for (int u = 0; u < size; u++) {
            Arrays.sort(raw, start[u], start[u + 1]);
            offsets[u] = w;
            int last = -1;
            for (int i = start[u]; i < start[u + 1]; i++) {
                if (raw[i] != last) {
                    raw[w++] = raw[i];
                    last = raw[i];
                }
            }
        }
        offsets[size] = w;
        return new UndirectedGraph(size, offsets, Arrays.copyOf(raw, w));
    }

    int degree(int u) {
        return offsets[u + 1] - offsets[u];
    }
}
