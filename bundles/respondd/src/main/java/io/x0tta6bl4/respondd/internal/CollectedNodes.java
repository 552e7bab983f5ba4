package io.x0tta6bl4.respondd.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/**
 * Joins what respondd replies say to the nodes the topology already has: a reply describes the
 * node whose id or address is one of the MACs it claims (a Gluon node's primary MAC is not its
 * batman-adv originator, one of its mesh interfaces' is). Only nodes that are up, with the role
 * and last-seen time they have: a reply never adds a node, revives one the mesh provider lost, or
 * changes its liveness. {@link NodeAttributes#VERIFIED} is true only where the reply's verified
 * signer is the node it describes.
 */
final class CollectedNodes {

    private CollectedNodes() {
    }

    static List<NodeObservation> observations(Collection<ReplyFacts> facts, TopologySnapshot snapshot) {
        Map<String, Node> byAddress = new HashMap<>();
        for (Node n : snapshot.nodes().values()) {
            byAddress.put(n.id().value().toLowerCase(Locale.ROOT), n);
            n.addresses().forEach(a -> byAddress.putIfAbsent(a.toLowerCase(Locale.ROOT), n));
        }
        Set<NodeId> described = new HashSet<>();
        return facts.stream().map(f -> f.macs().stream().map(byAddress::get).filter(n -> n != null).findFirst()
                        .filter(Node::isUp).filter(n -> described.add(n.id()))
                        .map(n -> new NodeObservation(n.id(), List.of(), n.role(), attributes(f, n), n.lastSeen()))
                        .orElse(null))
                .filter(o -> o != null).toList();
    }

    /** The reply's facts, verified only where the signer's SPIFFE ID names the very node they describe. */
    private static Map<String, String> attributes(ReplyFacts f, Node n) {
        Map<String, String> a = new HashMap<>(f.attributes());
        a.put(NodeAttributes.VERIFIED, Boolean.toString(n.id().equals(f.signer())));
        return Map.copyOf(a);
    }
}
