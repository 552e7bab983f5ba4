package io.x0tta6bl4.sim.internal;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;

/**
 * One simulated node.
 *
 * @param index position in the mesh, 0-based; node {@code 0} is this node
 * @param id    {@code sim-01}, {@code sim-02}, ...
 * @param x     position in the unit square, used for distances
 * @param y     position in the unit square
 */
public record SimNode(int index, NodeId id, double x, double y) {

    /** Locally administered unicast prefix, so a fake MAC can never clash with real hardware. */
    private static final String MAC_PREFIX = "02:73:69:6d";

    public NodeRole role() {
        return index == 0 ? NodeRole.SELF : NodeRole.PEER;
    }

    public String mac() {
        return String.format("%s:%02x:%02x", MAC_PREFIX, (index + 1) >> 8 & 0xff, (index + 1) & 0xff);
    }

    public List<String> addresses() {
        return List.of(mac());
    }

    public Map<String, String> attributes() {
        return Map.of("hostname", id.value(), "model", "simulated");
    }

    public double distanceTo(SimNode other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    /** Ids are zero-padded to the width of the size (at least two digits) so they sort naturally. */
    static NodeId idFor(int index, int size) {
        int width = Math.max(2, String.valueOf(size).length());
        return NodeId.of(String.format("sim-%0" + width + "d", index + 1));
    }
}
