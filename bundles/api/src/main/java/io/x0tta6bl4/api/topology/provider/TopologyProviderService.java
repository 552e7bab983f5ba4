package io.x0tta6bl4.api.topology.provider;

import java.util.Collection;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The write side of the topology, used by mesh providers. Every call names the provider,
 * which owns what it reports: a node reported by two providers stays until both have
 * withdrawn it or it times out.
 * <p>
 * Calls are cheap and thread-safe; the topology service publishes a new snapshot after
 * applying them. A link to or from a node nobody has reported is refused.
 */
@ProviderType
public interface TopologyProviderService {

    /** The node is alive now. Also revives a node that went DOWN. */
    void nodeSeen(String providerId, NodeObservation observation);

    /**
     * The link was measured.
     *
     * @throws IllegalArgumentException if either end is not a known node
     */
    void linkMeasured(String providerId, LinkObservation observation);

    /**
     * A whole round of observations applied as one change: one snapshot, one set of
     * events. Providers that poll should prefer this.
     */
    void report(String providerId, Collection<NodeObservation> nodes, Collection<LinkObservation> links);

    /**
     * A round of link measurements alone, applied as one change: for providers that
     * report metric changes between full rounds.
     *
     * @throws IllegalArgumentException if an end of a link is not a known node; then nothing is applied
     * @since 1.1
     */
    void linksMeasured(String providerId, Collection<LinkObservation> links);

    /** The provider knows the link is gone. */
    void linkGone(String providerId, LinkId link);

    /**
     * The provider knows the node failed (batman-adv's originator silent past the provider's
     * own threshold, a fault injected in the simulator): it goes DOWN now and
     * {@code NODE_DOWN} is posted with the reason, rather than after the topology's
     * {@code node.timeout.ms} of silence. Seeing the node again revives it. A node the
     * provider never reported, or one already DOWN, is left as it is.
     *
     * @param reason one line for operators, carried in the health event's message
     * @since 1.2
     */
    void nodeLost(String providerId, NodeId node, String reason);

    /** The provider knows the node left the mesh (clean leave, not a failure). */
    void nodeGone(String providerId, NodeId node);

    /** Withdraws everything the provider reported. */
    void withdraw(String providerId);
}
