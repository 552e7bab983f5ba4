package io.x0tta6bl4.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.support.json.TopologyJson;

/**
 * What the REST API adds to the shared shapes of {@link TopologyJson}: which nodes are
 * articulation points and which links are bridges, for the page to mark.
 */
final class TopologyViews {

    private TopologyViews() {
    }

    static Map<String, Object> whole(TopologySnapshot snapshot, CriticalElements critical) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", snapshot.version());
        m.put("time", snapshot.time().toString());
        m.put("nodes", nodes(snapshot, critical));
        m.put("links", snapshot.links().values().stream().map(l -> link(l, critical)).toList());
        m.put("articulationPoints", critical.articulationPoints().stream().map(NodeId::value).toList());
        m.put("bridges", critical.bridges().stream().map(Object::toString).toList());
        return m;
    }

    static List<Map<String, Object>> nodes(TopologySnapshot snapshot, CriticalElements critical) {
        return snapshot.nodes().values().stream()
                .map(n -> node(n, snapshot.linksFrom(n.id()).size(), critical)).toList();
    }

    static Map<String, Object> node(Node n, int links, CriticalElements critical) {
        Map<String, Object> m = TopologyJson.node(n, links);
        m.put("critical", critical.isArticulationPoint(n.id()));
        return m;
    }

    /** {@code critical} null: no bridge marks (a path's links). */
    static Map<String, Object> link(Link l, CriticalElements critical) {
        Map<String, Object> m = TopologyJson.link(l);
        m.put("bridge", critical != null && critical.isBridge(l.id()));
        return m;
    }
}
