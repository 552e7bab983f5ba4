package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * The path the mesh's own routing takes from the local node: its first hop is the neighbour the
 * provider reports as the kernel's next hop towards the destination, the rest is the cheapest
 * path on from that neighbour. On batman-adv, x0tta6bl4's graph only sees what the kernel does;
 * a path query from this node that ignored the kernel's choice would show a route no frame takes.
 */
final class ForwardedPaths {

    private ForwardedPaths() {
    }

    /**
     * @param cheapest the cheapest path between two nodes by {@code weigher} (the manager's query)
     */
    static Optional<Path> find(TopologySnapshot snapshot, NodeId source, NodeId destination, LinkWeigher weigher,
            BiFunction<NodeId, NodeId, Optional<Path>> cheapest) {
        Node from = snapshot.node(source).orElseThrow(() -> new IllegalArgumentException("unknown node '" + source + "'"));
        Node to = snapshot.node(destination)
                .orElseThrow(() -> new IllegalArgumentException("unknown node '" + destination + "'"));
        String nextHop = to.attributes().get(Node.ATTR_NEXT_HOP);
        if (from.role() != NodeRole.SELF || source.equals(destination) || nextHop == null) {
            return Optional.empty();
        }
        Optional<Node> neighbour = snapshot.nodes().values().stream()
                .filter(n -> n.id().value().equalsIgnoreCase(nextHop)
                        || n.addresses().stream().anyMatch(nextHop::equalsIgnoreCase))
                .findFirst();
        Optional<Link> first = neighbour.flatMap(n -> snapshot.link(new LinkId(source, n.id())));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        NodeId hop = first.get().to();
        // without a penalty: penalties steer x0tta6bl4's queries, the kernel never saw them
        double firstCost = weigher.weight(first.get());
        if (hop.equals(destination)) {
            return Optional.of(new Path(List.of(source, destination), List.of(first.get()), firstCost, weigher.name()));
        }
        return cheapest.apply(hop, destination).map(rest -> {
            List<NodeId> hops = new ArrayList<>(List.of(source));
            hops.addAll(rest.hops());
            List<Link> links = new ArrayList<>(List.of(first.get()));
            links.addAll(rest.links());
            return new Path(hops, links, firstCost + rest.cost(), weigher.name());
        });
    }
}
