package io.x0tta6bl4.topology.internal;

import java.util.concurrent.ExecutorService;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.QualityWeigher;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * Entry points into the engine for benchmarks, which measure what the service API does
 * not expose on its own (single-source distances, a whole analysis with a given number of
 * threads). Not exported: the package is private to the bundle.
 */
public final class EngineProbe {

    private EngineProbe() {
    }

    /** Quality cost from the node to every UP node, by UP-node index; infinite where unreachable. */
    public static double[] distances(TopologyManager topology, NodeId source) {
        CompactGraph g = topology.graph();
        int src = g.indexOf(source);
        if (src < 0) {
            throw new IllegalArgumentException("not an UP node: " + source);
        }
        return ShortestPaths.distances(g, src, QualityWeigher.INSTANCE);
    }

    /** An exact analysis of the current graph (both diameters, every eccentricity), uncached. */
    public static TopologyStatistics analyse(TopologyManager topology, ExecutorService workers, int threads) {
        CompactGraph g = topology.graph();
        return GraphStatistics.of(g, g.knownCount(), workers, threads).statistics();
    }
}
