package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.junit.jupiter.api.Test;

class MeshviewerExportTest {

    static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    static TopologySnapshot mesh() {
        TreeMap<NodeId, Node> nodes = new TreeMap<>();
        nodes.put(NodeId.of("a"), new Node(NodeId.of("a"), List.of("02:00:00:00:00:0A", "10.0.0.1"), NodeRole.SELF,
                NodeState.UP, T, T, Map.of("hostname", "alpha")));
        nodes.put(NodeId.of("b"), new Node(NodeId.of("b"), List.of(), NodeRole.GATEWAY, NodeState.UP, T, T, Map.of()));
        nodes.put(NodeId.of("c"), new Node(NodeId.of("c"), List.of(), NodeRole.PEER, NodeState.DOWN, T, T, Map.of()));
        TreeMap<LinkId, Link> links = new TreeMap<>();
        links.put(LinkId.of("a", "b"), link("a", "b", 0.5));
        links.put(LinkId.of("b", "a"), link("b", "a", 1.0));
        links.put(LinkId.of("c", "b"), link("c", "b", 0.0));
        return new TopologySnapshot(7, T, nodes, links);
    }

    static Link link(String from, String to, double score) {
        return new Link(LinkId.of(from, to), LinkMetrics.ofTq((int) (score * 255)),
                new LinkQuality(score, score == 0 ? Double.POSITIVE_INFINITY : 1 / score), T);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodesJsonIsVersion2WithFlagsNodeinfoAndSecondPrecisionTimes() {
        Map<String, Object> json = MeshviewerExport.nodes(mesh(), T);
        assertEquals(2, json.get("version"));
        assertEquals("2026-01-02T03:04:05Z", json.get("timestamp"));
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) json.get("nodes");
        assertEquals(3, nodes.size());
        Map<String, Object> a = nodes.get(0);
        assertEquals(Map.of("online", true, "gateway", false), a.get("flags"));
        Map<String, Object> info = (Map<String, Object>) a.get("nodeinfo");
        assertEquals("a", info.get("node_id"));
        assertEquals("alpha", info.get("hostname"));
        assertEquals(Map.of("mac", "02:00:00:00:00:0a", "addresses", List.of("10.0.0.1")), info.get("network"));
        assertEquals(Map.of("online", true, "gateway", true), nodes.get(1).get("flags"));
        assertEquals(Map.of("online", false, "gateway", false), nodes.get(2).get("flags"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void graphJsonJoinsBothDirectionsWithInverseQuality() {
        Map<String, Object> batadv = (Map<String, Object>) MeshviewerExport.graph(mesh()).get("batadv");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) batadv.get("nodes");
        assertEquals(List.of("02:00:00:00:00:0a", "b", "c"), nodes.stream().map(n -> n.get("id")).toList());
        List<Map<String, Object>> links = (List<Map<String, Object>>) batadv.get("links");
        assertEquals(2, links.size());
        Map<String, Object> ab = links.get(0);
        assertEquals(0, ab.get("source"));
        assertEquals(1, ab.get("target"));
        assertEquals(true, ab.get("bidirect"));
        assertEquals(1 / 0.75, (double) ab.get("tq"), 1e-9);
        Map<String, Object> cb = links.get(1);
        assertEquals(false, cb.get("bidirect"));
        assertEquals(MeshviewerExport.WORST_TQ, (double) cb.get("tq"));
    }
}
