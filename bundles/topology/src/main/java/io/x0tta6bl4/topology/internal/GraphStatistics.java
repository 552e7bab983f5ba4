package io.x0tta6bl4.topology.internal;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.QualityWeigher;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * Figures about one snapshot. Connectivity counts only usable links (finite cost): a
 * link too lossy to carry traffic does not join two parts of the mesh. Diameters run a
 * search from every UP node, quadratic but fine for meshes of hundreds of nodes.
 */
final class GraphStatistics {

    private GraphStatistics() {
    }

    static TopologyStatistics of(MeshGraph graph) {
        TopologySnapshot s = graph.snapshot();
        int up = graph.size();
        int links = s.links().size();
        double quality = 0;
        for (Link l : s.links().values()) {
            quality += l.quality().score();
        }
        return new TopologyStatistics(s.version(), s.nodes().size(), up, links,
                up == 0 ? 0 : (double) links / up, components(graph), hopDiameter(graph), costDiameter(graph),
                links == 0 ? 0 : quality / links);
    }

    /** Weakly connected components among UP nodes, by union-find. */
    static int components(MeshGraph graph) {
        int n = graph.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int components = n;
        for (int u = 0; u < n; u++) {
            Link[] out = graph.linksFrom(u);
            int[] to = graph.targetsFrom(u);
            for (int j = 0; j < out.length; j++) {
                if (!out[j].quality().isUsable()) {
                    continue;
                }
                int a = root(parent, u);
                int b = root(parent, to[j]);
                if (a != b) {
                    parent[a] = b;
                    components--;
                }
            }
        }
        return components;
    }

    static int hopDiameter(MeshGraph graph) {
        int max = 0;
        for (int u = 0; u < graph.size(); u++) {
            for (int h : ShortestPaths.hops(graph, u)) {
                max = Math.max(max, h);
            }
        }
        return max;
    }

    static double costDiameter(MeshGraph graph) {
        double max = 0;
        for (int u = 0; u < graph.size(); u++) {
            for (double d : ShortestPaths.distances(graph, u, QualityWeigher.INSTANCE)) {
                if (Double.isFinite(d)) {
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
