package io.x0tta6bl4.api.topology;

import java.util.List;
import java.util.Objects;

/**
 * A path through the mesh.
 *
 * @param hops    the nodes from source to destination, both included
 * @param links   the links traversed, {@code hops.size() - 1} of them
 * @param cost    the sum of the weigher's weights over the links
 * @param weigher the name of the {@link LinkWeigher} that weighed it
 */
public record Path(List<NodeId> hops, List<Link> links, double cost, String weigher) {

    public Path {
        hops = List.copyOf(hops);
        links = List.copyOf(links);
        Objects.requireNonNull(weigher, "weigher");
        if (hops.isEmpty() || links.size() != hops.size() - 1) {
            throw new IllegalArgumentException("a path of " + hops.size() + " hops needs "
                    + Math.max(0, hops.size() - 1) + " links, got " + links.size());
        }
    }

    public NodeId source() {
        return hops.get(0);
    }

    public NodeId destination() {
        return hops.get(hops.size() - 1);
    }

    /** Number of links traversed. */
    public int hopCount() {
        return links.size();
    }
}
