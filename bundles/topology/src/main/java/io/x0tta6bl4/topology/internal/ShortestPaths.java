package io.x0tta6bl4.topology.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;

/**
 * Dijkstra over a {@link MeshGraph} with any {@link LinkWeigher}. A weight that is
 * infinite, NaN or negative (a misbehaving plugin) takes the link out of the search
 * rather than corrupting it.
 */
final class ShortestPaths {

    private ShortestPaths() {
    }

    /** The cheapest path, empty when the destination is DOWN or unreachable. */
    static Optional<Path> find(MeshGraph graph, NodeId source, NodeId destination, LinkWeigher weigher) {
        int src = graph.indexOf(source);
        int dst = graph.indexOf(destination);
        if (src < 0 || dst < 0) {
            return Optional.empty();
        }
        Search s = search(graph, src, dst, weigher);
        if (Double.isInfinite(s.distance[dst])) {
            return Optional.empty();
        }
        List<NodeId> hops = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        hops.add(graph.id(dst));
        for (int at = dst; at != src; ) {
            Link via = s.via[at];
            links.add(via);
            at = graph.indexOf(via.from());
            hops.add(graph.id(at));
        }
        Collections.reverse(hops);
        Collections.reverse(links);
        return Optional.of(new Path(hops, links, s.distance[dst], weigher.name()));
    }

    /** Cost from {@code src} to every node, infinite where unreachable. */
    static double[] distances(MeshGraph graph, int src, LinkWeigher weigher) {
        return search(graph, src, -1, weigher).distance;
    }

    /** Hop count from {@code src} to every node over usable links, -1 where unreachable. */
    static int[] hops(MeshGraph graph, int src) {
        int[] hops = new int[graph.size()];
        Arrays.fill(hops, -1);
        hops[src] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(src);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            Link[] out = graph.linksFrom(u);
            int[] to = graph.targetsFrom(u);
            for (int j = 0; j < out.length; j++) {
                if (hops[to[j]] < 0 && out[j].quality().isUsable()) {
                    hops[to[j]] = hops[u] + 1;
                    queue.add(to[j]);
                }
            }
        }
        return hops;
    }

    private static Search search(MeshGraph graph, int src, int stopAt, LinkWeigher weigher) {
        int n = graph.size();
        double[] distance = new double[n];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        Link[] via = new Link[n];
        boolean[] settled = new boolean[n];
        IndexedMinHeap heap = new IndexedMinHeap(n);
        distance[src] = 0;
        heap.offer(src, 0);
        while (!heap.isEmpty()) {
            int u = heap.poll();
            settled[u] = true;
            if (u == stopAt) {
                break;
            }
            Link[] out = graph.linksFrom(u);
            int[] to = graph.targetsFrom(u);
            for (int j = 0; j < out.length; j++) {
                int v = to[j];
                if (settled[v]) {
                    continue;
                }
                double w = weigher.weight(out[j]);
                if (!(w >= 0) || Double.isInfinite(w)) {
                    continue;
                }
                double d = distance[u] + w;
                if (d < distance[v]) {
                    distance[v] = d;
                    via[v] = out[j];
                    heap.offer(v, d);
                }
            }
        }
        return new Search(distance, via);
    }

    private record Search(double[] distance, Link[] via) {
    }
}
