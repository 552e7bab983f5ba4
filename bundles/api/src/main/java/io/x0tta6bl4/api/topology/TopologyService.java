package io.x0tta6bl4.api.topology;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The read side of the mesh topology. Changes are announced on the EventAdmin topics
 * {@code x0tta6bl4/topology/*} (see {@link io.x0tta6bl4.api.event.Topics}).
 * <p>
 * All methods are cheap reads of the current immutable snapshot and may be called from
 * any thread.
 */
@ProviderType
public interface TopologyService {

    /** The current snapshot; never null. */
    TopologySnapshot snapshot();

    /**
     * The current version, without building a snapshot (which on a large mesh copies
     * every node and link).
     *
     * @since 1.1
     */
    long version();

    Optional<Node> node(NodeId id);

    /** Links leaving or entering the node, empty for an unknown node. */
    List<Link> links(NodeId id);

    /** The cheapest path with the default weigher, empty when unreachable. */
    Optional<Path> path(NodeId source, NodeId destination);

    /**
     * The cheapest path weighed by the named weigher.
     *
     * @throws IllegalArgumentException if no weigher has that name, or a node is unknown
     */
    Optional<Path> path(NodeId source, NodeId destination, String weigher);

    /**
     * The path frames from {@code source} take where the mesh's own routing picks the first hop:
     * the neighbour the source's provider names in the destination's {@link Node#ATTR_NEXT_HOP}
     * (on a batman-adv node, batman-adv's current next hop), then the cheapest path on from there
     * by the named weigher ({@code null}: the default). Empty when the source is not the local
     * node, the routing names no next hop (a simulated mesh), or it names a neighbour the graph
     * has no link to. Compare it with {@link #path(NodeId, NodeId, String)}: where the first hops
     * differ, the kernel and x0tta6bl4's cost model disagree.
     *
     * @throws IllegalArgumentException if no weigher has that name, or a node is unknown
     */
    Optional<Path> forwardedPath(NodeId source, NodeId destination, String weigher);

    /**
     * Figures about the mesh, computed once per snapshot. On a large mesh the exact
     * diameters take a while, so they are computed in the background: the figures returned
     * then describe the latest snapshot analysed ({@link TopologyStatistics#version()}),
     * and asking again picks up newer ones.
     */
    TopologyStatistics statistics();

    /** Names of the weighers usable in {@link #path(NodeId, NodeId, String)}. */
    Set<String> weighers();

    /**
     * The articulation points and bridges among UP nodes of the current snapshot, taking
     * the mesh as undirected (two nodes are adjacent when a usable link joins them in
     * either direction). Computed once per snapshot.
     *
     * @since 1.1
     */
    CriticalElements critical();

    /**
     * Up to {@code k} cheapest loopless paths, cheapest first (Yen's algorithm).
     *
     * @throws IllegalArgumentException if k < 1, no weigher has that name, or a node is unknown
     * @since 1.1
     */
    List<Path> paths(NodeId source, NodeId destination, int k, String weigher);

    /**
     * Two paths that share no link (or no relay node) with the least total cost, for a
     * route and its backup; empty when the mesh has no such pair.
     *
     * @throws IllegalArgumentException if the ends are the same, no weigher has that name, or a node is unknown
     * @since 1.1
     */
    Optional<PathPair> disjointPaths(NodeId source, NodeId destination, Disjointness disjointness, String weigher);

    /**
     * The connected components among UP nodes over usable links (either direction),
     * largest first.
     *
     * @since 1.1
     */
    List<SortedSet<NodeId>> components();

    /**
     * Every UP node's eccentricity. On a large mesh they are computed in the background
     * and may describe a slightly older version (see {@link Eccentricities#version()}),
     * like {@link #statistics()}.
     *
     * @since 1.1
     */
    Eccentricities eccentricities();

    /**
     * The link's recent samples, oldest first; empty for an unknown link.
     *
     * @since 1.1
     */
    List<LinkSample> history(LinkId link);
}
