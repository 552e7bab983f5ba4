package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * A fixed mesh: a and b UP with a -> b, c DOWN. The path a -> b is canned; any other
 * path is absent, as the real service would answer for c.
 */
final class FakeTopologyService implements TopologyService {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final Link A_B = new Link(LinkId.of("a", "b"), LinkMetrics.ofTq(204), new LinkQuality(0.8, 1.25), T);

    private TopologySnapshot snapshot;

    /** What {@link #forwardedPath} answers: empty, as on a mesh whose routing names no next hop. */
    Optional<Path> forwarded = Optional.empty();

    FakeTopologyService() {
        TreeMap<NodeId, Node> nodes = new TreeMap<>();
        nodes.put(NodeId.of("a"), node("a", NodeState.UP));
        nodes.put(NodeId.of("b"), node("b", NodeState.UP));
        nodes.put(NodeId.of("c"), node("c", NodeState.DOWN));
        TreeMap<LinkId, Link> links = new TreeMap<>();
        links.put(A_B.id(), A_B);
        snapshot = new TopologySnapshot(7, T, nodes, links);
    }

    /** a is this node, and the mesh routing names {@code nextHop} as its next hop towards b. */
    void routedFromA(String nextHop) {
        TreeMap<NodeId, Node> nodes = new TreeMap<>(snapshot.nodes());
        Node a = nodes.get(NodeId.of("a"));
        nodes.put(a.id(), new Node(a.id(), a.addresses(), NodeRole.SELF, a.state(), T, T, a.attributes()));
        Node b = nodes.get(NodeId.of("b"));
        nodes.put(b.id(), new Node(b.id(), b.addresses(), b.role(), b.state(), T, T,
                Map.of(Node.ATTR_PROVIDER, "batman", Node.ATTR_NEXT_HOP, nextHop)));
        snapshot = new TopologySnapshot(snapshot.version(), T, nodes, new TreeMap<>(snapshot.links()));
    }

    private static Node node(String id, NodeState state) {
        return new Node(NodeId.of(id), List.of("10.0.0." + id.charAt(0) % 10), NodeRole.PEER, state, T, T,
                Map.of(Node.ATTR_PROVIDER, "sim"));
    }

    @Override
    public TopologySnapshot snapshot() {
        return snapshot;
    }

    @Override
    public Optional<Node> node(NodeId id) {
        return snapshot.node(id);
    }

    @Override
    public List<Link> links(NodeId id) {
        return snapshot.linksOf(id);
    }

    @Override
    public Optional<Path> path(NodeId source, NodeId destination) {
        return path(source, destination, "quality");
    }

    @Override
    public Optional<Path> path(NodeId source, NodeId destination, String weigher) {
        if (!weighers().contains(weigher)) {
            throw new IllegalArgumentException("unknown weigher " + weigher);
        }
        if (source.value().equals("a") && destination.value().equals("b")) {
            return Optional.of(new Path(List.of(source, destination), List.of(A_B), 1.25, weigher));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Path> forwardedPath(NodeId source, NodeId destination, String weigher) {
        return forwarded;
    }

    @Override
    public TopologyStatistics statistics() {
        return new TopologyStatistics(7, 3, 2, 1, 0.5, 1, 1, 1.25, 0.8);
    }

    @Override
    public Set<String> weighers() {
        return Set.of("hops", "quality", "latency");
    }

    @Override
    public long version() {
        return snapshot().version();
    }

    @Override
    public List<Path> paths(NodeId source, NodeId destination, int k, String weigher) {
        return path(source, destination, weigher).map(List::of).orElse(List.of());
    }

    @Override
    public Optional<io.x0tta6bl4.api.topology.PathPair> disjointPaths(NodeId source, NodeId destination,
            io.x0tta6bl4.api.topology.Disjointness disjointness, String weigher) {
        return Optional.empty();
    }

    @Override
    public List<java.util.SortedSet<NodeId>> components() {
        return List.of();
    }

    @Override
    public io.x0tta6bl4.api.topology.Eccentricities eccentricities() {
        return new io.x0tta6bl4.api.topology.Eccentricities(0, new java.util.TreeMap<>(), new java.util.TreeMap<>());
    }

    @Override
    public List<io.x0tta6bl4.api.topology.LinkSample> history(io.x0tta6bl4.api.topology.LinkId link) {
        return List.of();
    }

    @Override
    public io.x0tta6bl4.api.topology.CriticalElements critical() {
        return io.x0tta6bl4.api.topology.CriticalElements.NONE;
    }
}
