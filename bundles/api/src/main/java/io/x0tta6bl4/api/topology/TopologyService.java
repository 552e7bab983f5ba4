package io.x0tta6bl4.api.topology;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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
}
