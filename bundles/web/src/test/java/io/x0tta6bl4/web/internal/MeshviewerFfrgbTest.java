package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.junit.jupiter.api.Test;

class MeshviewerFfrgbTest {

    static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String A = "02:00:00:00:00:0a";
    static final String B = "02:00:00:00:00:0b";

    /** A batman-adv mesh as the batman provider and the respondd collector describe it. */
    static TopologySnapshot mesh() {
        TreeMap<NodeId, Node> nodes = new TreeMap<>();
        nodes.put(NodeId.of(A), new Node(NodeId.of(A), List.of(A, "fe80::a"), NodeRole.SELF, NodeState.UP, T, T,
                Map.ofEntries(Map.entry(NodeAttributes.HOSTNAME, "alpha"),
                        Map.entry(NodeAttributes.RESPONDD_NODE_ID, "02000000000a"),
                        Map.entry(NodeAttributes.CLIENTS, "7"), Map.entry(NodeAttributes.CLIENTS_WIFI24, "2"),
                        Map.entry(NodeAttributes.CLIENTS_WIFI5, "3"), Map.entry(NodeAttributes.UPTIME_S, "3600"),
                        Map.entry(NodeAttributes.GATEWAY, B.toUpperCase()), Map.entry(NodeAttributes.GATEWAY_NEXTHOP, B),
                        Map.entry(NodeAttributes.SITE, "ffx"), Map.entry(NodeAttributes.MODEL, "TP-Link Archer C7"),
                        Map.entry(NodeAttributes.FIRMWARE, "v2025.1"), Map.entry(NodeAttributes.CONTACT, "ops@example.org"),
                        Map.entry(NodeAttributes.LATITUDE, "53.55"), Map.entry(NodeAttributes.LONGITUDE, "9.99"),
                        Map.entry(NodeAttributes.TRAFFIC_RX_BYTES, "5000"), Map.entry(NodeAttributes.TRAFFIC_TX_BYTES, "6000"))));
        nodes.put(NodeId.of(B), new Node(NodeId.of(B), List.of(), NodeRole.GATEWAY, NodeState.UP, T, T, Map.of()));
        // a simulated node: its id has a '-', its MAC names it
        nodes.put(NodeId.of("sim-03"), new Node(NodeId.of("sim-03"), List.of("02:73:69:6d:00:03"), NodeRole.PEER,
                NodeState.DOWN, T, T, Map.of(NodeAttributes.LATITUDE, "91", NodeAttributes.LONGITUDE, "9",
                        NodeAttributes.CLIENTS, "lots")));
        nodes.put(NodeId.of("x-y"), new Node(NodeId.of("x-y"), List.of(), NodeRole.PEER, NodeState.UP, T, T, Map.of()));
        TreeMap<LinkId, Link> links = new TreeMap<>();
        links.put(LinkId.of(A, B), new Link(LinkId.of(A, B), link(A, B, 204, LinkMedium.WIRELESS).metrics().onInterface("wlan0"),
                link(A, B, 204, LinkMedium.WIRELESS).quality(), T));
        links.put(LinkId.of(B, A), link(B, A, 153, LinkMedium.UNKNOWN));
        links.put(LinkId.of("sim-03", B), link("sim-03", B, null, LinkMedium.TUNNEL));
        return new TopologySnapshot(7, T, nodes, links);
    }

    static Link link(String from, String to, Integer tq, LinkMedium medium) {
        double score = tq == null ? 0.25 : tq / 255.0;
        return new Link(LinkId.of(from, to), new LinkMetrics(null, null, null, tq, null, medium),
                new LinkQuality(score, 1 / score), T);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> node(Map<String, Object> json, String nodeId) {
        return ((List<Map<String, Object>>) json.get("nodes")).stream().filter(n -> nodeId.equals(n.get("node_id")))
                .findFirst().orElseThrow(() -> new AssertionError("no node " + nodeId + " in " + json));
    }

    @Test
    void timesAreInYanicsLayout() {
        Map<String, Object> json = MeshviewerFfrgb.of(mesh(), T);
        assertEquals("2026-01-02T03:04:05+0000", json.get("timestamp"));
        Map<String, Object> a = node(json, "02000000000a");
        assertEquals("2026-01-02T03:04:05+0000", a.get("firstseen"));
        assertEquals("2026-01-02T02:04:05+0000", a.get("uptime"), "uptime is the boot time: now less uptime.s");
    }

    @Test
    void aNodeCarriesWhatTheCollectorLearnt() {
        Map<String, Object> a = node(MeshviewerFfrgb.of(mesh(), T), "02000000000a");
        assertEquals(true, a.get("is_online"));
        assertEquals(false, a.get("is_gateway"));
        assertEquals(7, a.get("clients"));
        assertEquals(2, a.get("clients_wifi24"));
        assertEquals(3, a.get("clients_wifi5"));
        assertEquals(2, a.get("clients_other"), "total less both radios");
        assertEquals("02000000000b", a.get("gateway"), "the gateway's MAC becomes its node id");
        assertEquals("02000000000b", a.get("gateway_nexthop"));
        assertEquals(Map.of("mac", A, "addresses", List.of("fe80::a")), a.get("network"));
        assertEquals("ffx", a.get("site_code"));
        assertEquals("alpha", a.get("hostname"));
        assertEquals("ops@example.org", a.get("owner"));
        assertEquals(Map.of("latitude", 53.55, "longitude", 9.99), a.get("location"));
        assertEquals(Map.of("release", "v2025.1"), a.get("firmware"));
        assertEquals(Map.of("enabled", false), a.get("autoupdater"));
        assertEquals("TP-Link Archer C7", a.get("model"));
        assertEquals(false, a.get("vpn"));
    }

    @Test
    void everyNodeIdIsOneMeshviewerAccepts() {
        Map<String, Object> json = MeshviewerFfrgb.of(mesh(), T);
        Map<String, Object> b = node(json, "02000000000b");
        assertEquals(true, b.get("is_gateway"));
        assertEquals("02:00:00:00:00:0b", b.get("hostname"), "no hostname known: the topology id");
        Map<String, Object> sim = node(json, "0273696d0003");
        assertEquals(false, sim.get("is_online"));
        assertNull(sim.get("location"), "a latitude of 91 is no place");
        assertEquals(0, sim.get("clients"), "a count that is not a number is none");
        assertFalse(sim.containsKey("uptime"));
        node(json, "782d79"); // no MAC, an id with '-': its hex
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLinkIsOnePairWithEachDirectionsTqAndItsKind() {
        List<Map<String, Object>> links = (List<Map<String, Object>>) MeshviewerFfrgb.of(mesh(), T).get("links");
        assertEquals(2, links.size());
        Map<String, Object> ab = links.get(0);
        assertEquals("wifi", ab.get("type"), "one direction's medium names the pair");
        assertEquals("02000000000a", ab.get("source"));
        assertEquals("02000000000b", ab.get("target"));
        assertEquals(0.8, (double) ab.get("source_tq"), 1e-9);
        assertEquals(0.6, (double) ab.get("target_tq"), 1e-9);
        assertEquals(A, ab.get("source_addr"));
        assertEquals(B, ab.get("target_addr"));
        Map<String, Object> vpn = links.get(1);
        assertEquals("vpn", vpn.get("type"));
        assertEquals("0273696d0003", vpn.get("source"));
        assertEquals(0.25, (double) vpn.get("source_tq"), 1e-9, "no TQ: the quality score");
        assertEquals(0.0, (double) vpn.get("target_tq"), "a direction not seen");
        for (Map<String, Object> l : links) {
            assertTrue(((String) l.get("source")).matches("[A-Za-z0-9.]+"));
            assertTrue(((String) l.get("target")).matches("[A-Za-z0-9.]+"));
        }
    }
}
