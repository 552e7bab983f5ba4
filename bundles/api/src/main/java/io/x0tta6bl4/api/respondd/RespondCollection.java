package io.x0tta6bl4.api.respondd;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the respondd collector heard in its last round, for a mesh provider that joins other
 * nodes' neighbour lists into the topology (as the batman-adv provider does with the respondd
 * records Gluon nodes put into alfred). Registered by the respondd bundle while its collector
 * runs. Every reply is the sending node's word, gated and bounded by the collector; only
 * {@link CollectedReply#verified} ones carry a signature of the node they describe.
 */
@ProviderType
public interface RespondCollection {

    /** The replies of the last round, at most one per node id; empty before the first. */
    List<CollectedReply> lastRound();
}
