package io.x0tta6bl4.api.topology;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The single points of failure of one snapshot. The mesh is taken as undirected: two UP
 * nodes are adjacent when a usable link (finite cost) joins them in either direction.
 *
 * @param version             the snapshot version this describes
 * @param articulationPoints  UP nodes whose loss splits their connected component
 * @param bridges             undirected links whose loss splits their component, each
 *                            reported once with {@code from < to}
 */
public record CriticalElements(long version, SortedSet<NodeId> articulationPoints, SortedSet<LinkId> bridges) {

    public static final CriticalElements NONE = new CriticalElements(0, new TreeSet<>(), new TreeSet<>());

    public CriticalElements {
        Objects.requireNonNull(articulationPoints, "articulationPoints");
        Objects.requireNonNull(bridges, "bridges");
        articulationPoints = Collections.unmodifiableSortedSet(new TreeSet<>(articulationPoints));
        bridges = Collections.unmodifiableSortedSet(new TreeSet<>(bridges));
        for (LinkId b : bridges) {
            if (b.from().compareTo(b.to()) > 0) {
                throw new IllegalArgumentException("bridge " + b + " must be reported with from < to");
            }
        }
    }

    /** Whether the link, in either direction, is a bridge. */
    public boolean isBridge(LinkId link) {
        return bridges.contains(link) || bridges.contains(link.reversed());
    }

    public boolean isArticulationPoint(NodeId node) {
        return articulationPoints.contains(node);
    }
}
