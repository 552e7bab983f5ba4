package io.x0tta6bl4.sim.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.x0tta6bl4.api.topology.NodeAttributes;
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
    static final int GATEWAY_EVERY = 10;

    /** This node is {@code SELF}; every tenth node ({@code sim-10}, {@code sim-20}, ...) a gateway, as in a community mesh. */
    public NodeRole role() {
        if (index == 0) {
            return NodeRole.SELF;
        }
        return (index + 1) % GATEWAY_EVERY == 0 ? NodeRole.GATEWAY : NodeRole.PEER;
    }

    public String mac() {
        return String.format("%s:%02x:%02x", MAC_PREFIX, (index + 1) >> 8 & 0xff, (index + 1) & 0xff);
    }

    public List<String> addresses() {
        return List.of(mac());
    }

    /** The hostname is not the id ({@code sim-07} is {@code node-07}), as a real node's name is not its MAC. */
    public Map<String, String> attributes() {
        return Map.of("hostname", "node-" + id.value().substring("sim-".length()), "model", "simulated");
    }

    /** About 10 km north to south: a town's community mesh. */
    static final double SPAN_DEGREES = 0.09;

    /** {@link #attributes()} and, with a {@code center}, the node's place on the map from its position in the square. */
    public Map<String, String> attributes(SimConfig.Location center) {
        if (center == null) {
            return attributes();
        }
        Map<String, String> m = new HashMap<>(attributes());
        double lat = center.latitude() + (0.5 - y) * SPAN_DEGREES;
        double lon = center.longitude() + (x - 0.5) * SPAN_DEGREES / Math.cos(Math.toRadians(center.latitude()));
        m.put(NodeAttributes.LATITUDE, String.format(Locale.ROOT, "%.5f", lat));
        m.put(NodeAttributes.LONGITUDE, String.format(Locale.ROOT, "%.5f", lon));
        return Map.copyOf(m);
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
