package io.x0tta6bl4.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

import io.x0tta6bl4.api.topology.HopCountWeigher;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.junit.jupiter.api.Test;

/** Self s with neighbours x and y, both linked to d; the routing names y (by a secondary address) towards d. */
class ForwardedPathsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final NodeId S = NodeId.of("s");
    private static final NodeId X = NodeId.of("x");
    private static final NodeId Y = NodeId.of("y");
    private static final NodeId D = NodeId.of("d");

    private static Link link(NodeId a, NodeId b) {
        return new Link(new LinkId(a, b), LinkMetrics.ofTq(200), new LinkQuality(0.8, 1.25), T);
    }

    private static Node node(NodeId id, NodeRole role, List<String> addresses, Map<String, String> attrs) {
        return new Node(id, addresses, role, NodeState.UP, T, T, attrs);
    }

    private static TopologySnapshot mesh(NodeRole selfRole, Map<String, String> dAttrs) {
        TreeMap<NodeId, Node> nodes = new TreeMap<>();
        nodes.put(S, node(S, selfRole, List.of(), Map.of()));
        nodes.put(X, node(X, NodeRole.PEER, List.of(), Map.of()));
        nodes.put(Y, node(Y, NodeRole.PEER, List.of("02:00:00:00:09:02"), Map.of()));
        nodes.put(D, node(D, NodeRole.PEER, List.of(), dAttrs));
        TreeMap<LinkId, Link> links = new TreeMap<>();
        for (Link l : List.of(link(S, X), link(X, S), link(S, Y), link(Y, S), link(X, D), link(D, X), link(Y, D), link(D, Y))) {
            links.put(l.id(), l);
        }
        return new TopologySnapshot(3, T, nodes, links);
    }

    /** The cheapest path as the model sees it: through x, whatever the routing says. */
    private static final BiFunction<NodeId, NodeId, Optional<Path>> CHEAPEST = (a, b) ->
            Optional.of(new Path(List.of(a, b), List.of(link(a, b)), 1, "hops"));

    private static Optional<Path> find(TopologySnapshot s, NodeId from, NodeId to) {
        return ForwardedPaths.find(s, from, to, HopCountWeigher.INSTANCE, CHEAPEST);
    }

    @Test
    void theFirstHopIsTheRoutingsNextHopFoundByAnyOfItsAddresses() {
        Path p = find(mesh(NodeRole.SELF, Map.of(Node.ATTR_NEXT_HOP, "02:00:00:00:09:02")), S, D).orElseThrow();
        assertEquals(List.of(S, Y, D), p.hops());
        assertEquals(2.0, p.cost());
        assertEquals("hops", p.weigher());
        assertEquals(List.of(new LinkId(S, Y), new LinkId(Y, D)), p.links().stream().map(Link::id).toList());
    }

    @Test
    void aNextHopThatIsTheDestinationIsOneHop() {
        TopologySnapshot s = mesh(NodeRole.SELF, Map.of());
        TreeMap<NodeId, Node> nodes = new TreeMap<>(s.nodes());
        nodes.put(Y, node(Y, NodeRole.PEER, List.of(), Map.of(Node.ATTR_NEXT_HOP, "y")));
        Path p = find(new TopologySnapshot(4, T, nodes, new TreeMap<>(s.links())), S, Y).orElseThrow();
        assertEquals(List.of(S, Y), p.hops());
    }

    @Test
    void noForwardedPathWithoutRoutingFromThisNode() {
        // not the local node: its provider does not know another node's next hops
        assertTrue(find(mesh(NodeRole.PEER, Map.of(Node.ATTR_NEXT_HOP, "y")), S, D).isEmpty());
        // a simulated mesh names no next hop
        assertTrue(find(mesh(NodeRole.SELF, Map.of()), S, D).isEmpty());
        // a next hop the graph does not know, or has no link to
        assertTrue(find(mesh(NodeRole.SELF, Map.of(Node.ATTR_NEXT_HOP, "02:00:00:00:99:99")), S, D).isEmpty());
        assertTrue(find(mesh(NodeRole.SELF, Map.of(Node.ATTR_NEXT_HOP, "d")), S, D).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> find(mesh(NodeRole.SELF, Map.of()), S, NodeId.of("zz")));
    }
}
