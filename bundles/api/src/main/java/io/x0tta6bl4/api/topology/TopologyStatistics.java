package io.x0tta6bl4.api.topology;

/**
 * Figures about one snapshot.
 *
 * @param version        the snapshot version they describe
 * @param nodes          all known nodes
 * @param nodesUp        nodes in state UP
 * @param links          directed links
 * @param averageDegree  mean number of links leaving an UP node
 * @param components     weakly connected components among UP nodes
 * @param diameterHops   the longest shortest path in hops between two connected UP nodes;
 *                       -1 while the first analysis of a large mesh is still running
 * @param diameterCost   the longest shortest path by quality cost between two connected UP
 *                       nodes; -1 while the first analysis of a large mesh is still running
 * @param averageQuality mean link quality score, 0 when there are no links
 */
public record TopologyStatistics(long version, int nodes, int nodesUp, int links,
                                 double averageDegree, int components, int diameterHops,
                                 double diameterCost, double averageQuality) {
}
