package io.x0tta6bl4.support.json;

import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologyService;

/**
 * The path to show from one node to another, for {@code mesh:path} and the REST API alike.
 * From this node frames take the first hop the mesh's routing chose (batman-adv's next hop),
 * so that path is shown, with x0tta6bl4's cost-model path beside it where their first hops
 * differ. The routing's next hop can be an interface no known node owns yet (a neighbour's
 * secondary interface before batadv-vis names it): the path shown is then the model's, and
 * says so.
 *
 * @param shown          the path to show
 * @param model          x0tta6bl4's cost-model path
 * @param routed         whether {@code shown} follows the mesh routing's first hop
 * @param unmappedNextHop the routing's next hop when no known node owns it, else null
 */
public record RoutedPath(Path shown, Path model, boolean routed, String unmappedNextHop) {

    /** @param model the cost-model path between {@code from} and {@code to} by {@code weigher} (null: default) */
    public static RoutedPath of(TopologyService topology, Node from, Node to, Path model, String weigher) {
        Optional<Path> forwarded = topology.forwardedPath(from.id(), to.id(), weigher);
        String unmapped = forwarded.isEmpty() && from.role() == NodeRole.SELF
                ? to.attributes().get(Node.ATTR_NEXT_HOP) : null;
        return new RoutedPath(forwarded.orElse(model), model, forwarded.isPresent(), unmapped);
    }

    /** Whether the routing's first hop is not the one the cost model would choose. */
    public boolean disagrees() {
        return routed && !firstHop(model).equals(firstHop(shown));
    }

    public static NodeId firstHop(Path p) {
        return p.hops().size() > 1 ? p.hops().get(1) : p.source();
    }

    /** The shown path's JSON with {@code firstHop}, and {@code routingNextHop} and {@code model} where they apply. */
    public Map<String, Object> json() {
        Map<String, Object> m = TopologyJson.path(shown);
        m.put("firstHop", routed ? "mesh routing" : "cost model");
        if (unmappedNextHop != null) {
            m.put("routingNextHop", unmappedNextHop);
        }
        if (disagrees()) {
            m.put("model", TopologyJson.path(model));
        }
        return m;
    }
}
