package io.x0tta6bl4.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/** JSON shapes of topology records: plain maps, times as ISO-8601, infinite costs as null. */
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id().value());
        m.put("state", n.state().name());
        m.put("role", n.role().name());
        m.put("critical", critical.isArticulationPoint(n.id()));
        m.put("links", links);
        m.put("addresses", n.addresses());
        m.put("firstSeen", n.firstSeen().toString());
        m.put("lastSeen", n.lastSeen().toString());
        m.put("attributes", n.attributes());
        return m;
    }

    static Map<String, Object> link(Link l, CriticalElements critical) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id().toString());
        m.put("from", l.from().value());
        m.put("to", l.to().value());
        m.put("quality", l.quality().score());
        m.put("cost", Double.isFinite(l.quality().cost()) ? l.quality().cost() : null);
        m.put("bridge", critical != null && critical.isBridge(l.id()));
        LinkMetrics metrics = l.metrics();
        m.put("latencyMs", metrics.latencyMs());
        m.put("throughputMbps", metrics.throughputMbps());
        m.put("loss", metrics.loss());
        m.put("tq", metrics.tq());
        m.put("medium", metrics.medium().name());
        m.put("lastMeasured", l.lastMeasured().toString());
        return m;
    }

    static Map<String, Object> stats(TopologyStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("nodes", s.nodes());
        m.put("nodesUp", s.nodesUp());
        m.put("links", s.links());
        m.put("averageDegree", s.averageDegree());
        m.put("components", s.components());
        m.put("diameterHops", s.diameterHops() < 0 ? null : s.diameterHops());
        m.put("diameterCost", s.diameterCost() < 0 ? null : s.diameterCost());
        m.put("averageQuality", s.averageQuality());
        return m;
    }

    static Map<String, Object> path(Path p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.source().value());
        m.put("to", p.destination().value());
        m.put("hops", p.hops().stream().map(NodeId::value).toList());
        m.put("hopCount", p.hopCount());
        m.put("cost", p.cost());
        m.put("weigher", p.weigher());
        m.put("links", p.links().stream().map(l -> link(l, null)).toList());
        return m;
    }
}
