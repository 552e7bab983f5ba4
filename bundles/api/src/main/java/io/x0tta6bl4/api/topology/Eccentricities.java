package io.x0tta6bl4.api.topology;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far each UP node is from the node farthest from it, within its component: by
 * quality cost and by hops. The largest values are the diameters of
 * {@link TopologyStatistics}.
 *
 * @param version the snapshot version these describe
 * @param cost    each UP node's eccentricity by quality cost
 * @param hops    each UP node's eccentricity in hops
 */
public record Eccentricities(long version, SortedMap<NodeId, Double> cost, SortedMap<NodeId, Integer> hops) {

    public Eccentricities {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(hops, "hops");
        cost = Collections.unmodifiableSortedMap(new TreeMap<>(cost));
        hops = Collections.unmodifiableSortedMap(new TreeMap<>(hops));
    }
}
