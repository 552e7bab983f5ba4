package io.x0tta6bl4.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * What the topology page draws, and nothing more: each node's name, state, role, criticality, its
 * place in the graph view ({@link DrawingPositions}) and on the map, and each node pair once with the quality of both directions. At 1,000
 * simulated nodes this is about a tenth of {@code /api/v1/topology} (every directed link with all
 * its metrics, every attribute), which the browser would fetch and parse on every update; the
 * page reads the rest of a node or link when the operator opens it.
 */
final class TopologyDrawing {

    private TopologyDrawing() {
    }

    static Map<String, Object> of(TopologySnapshot snapshot, CriticalElements critical,
                                  Map<NodeId, DrawingPositions.Point> positions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", snapshot.version());
        m.put("time", snapshot.time().toString());
        List<Map<String, Object>> nodes = new ArrayList<>(snapshot.nodes().size());
        for (Node n : snapshot.nodes().values()) {
            nodes.add(node(n, critical.isArticulationPoint(n.id()), positions.get(n.id())));
        }
        m.put("nodes", nodes);
        m.put("directedLinks", snapshot.links().size());
        m.put("pairs", pairs(snapshot, critical));
        m.put("articulationPoints", critical.articulationPoints().stream().map(NodeId::value).toList());
        return m;
    }

    private static Map<String, Object> node(Node n, boolean critical, DrawingPositions.Point at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id().value());
        m.put("name", n.attributes().getOrDefault(NodeAttributes.HOSTNAME, n.id().value()));
        m.put("state", n.state().name());
        m.put("role", n.role().name());
        m.put("critical", critical);
        if (at != null) {
            m.put("x", at.x());
            m.put("y", at.y());
        }
        String lat = n.attributes().get(NodeAttributes.LATITUDE);
        String lon = n.attributes().get(NodeAttributes.LONGITUDE);
        if (lat != null && lon != null) {
            m.put("lat", lat);
            m.put("lon", lon);
        }
        return m;
    }

    /** {@code a} is the smaller id; {@code ab} the quality from a to b, null where that direction is not known. */
    private static List<Map<String, Object>> pairs(TopologySnapshot snapshot, CriticalElements critical) {
        Map<String, Map<String, Object>> byPair = new TreeMap<>();
        for (Link l : snapshot.links().values()) {
            LinkId id = l.id();
            boolean forward = id.from().compareTo(id.to()) < 0;
            NodeId a = forward ? id.from() : id.to();
            NodeId b = forward ? id.to() : id.from();
            Map<String, Object> p = byPair.computeIfAbsent(a.value() + "--" + b.value(), k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("a", a.value());
                n.put("b", b.value());
                n.put("ab", null);
                n.put("ba", null);
                n.put("bridge", false);
                return n;
            });
            p.put(forward ? "ab" : "ba", l.quality().score());
            if (critical.isBridge(id)) {
                p.put("bridge", true);
            }
        }
        return new ArrayList<>(byPair.values());
    }
}
