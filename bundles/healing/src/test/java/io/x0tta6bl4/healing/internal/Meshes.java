package io.x0tta6bl4.healing.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/** Small snapshots for tests: nodes n1..nN and undirected edges given as "a-b". */
final class Meshes {

    private Meshes() {
    }

    static TopologySnapshot of(long version, int nodes, String... edges) {
        Map<NodeId, Node> ns = new TreeMap<>();
        for (int i = 1; i <= nodes; i++) {
            NodeId id = NodeId.of("n" + i);
            ns.put(id, new Node(id, java.util.List.of(), NodeRole.PEER, NodeState.UP, Instant.EPOCH, Instant.EPOCH, null));
        }
        Map<LinkId, Link> ls = new TreeMap<>();
        for (String e : edges) {
            String[] ab = e.split("-");
            for (LinkId id : new LinkId[] {LinkId.of(ab[0], ab[1]), LinkId.of(ab[1], ab[0])}) {
                ls.put(id, new Link(id, LinkMetrics.ofTq(200), new LinkQuality(0.8, 1.25), Instant.EPOCH));
            }
        }
        return new TopologySnapshot(version, Instant.EPOCH, new TreeMap<>(ns), new TreeMap<>(ls));
    }

    /**
     * n1, n2, n3, n7, n8 a well-meshed core; n3 an articulation point to the chain n4-n5-n6,
     * whose n5-n6 is a bridge.
     */
    static TopologySnapshot tree() {
        return of(1, 8, "n1-n2", "n2-n3", "n1-n3", "n1-n7", "n2-n7", "n7-n8", "n1-n8",
                "n3-n4", "n4-n5", "n5-n6");
    }
}
