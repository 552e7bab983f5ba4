package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;

import org.junit.jupiter.api.Test;

class TopologyDrawingTest {

    private static final String A = MeshviewerFfrgbTest.A;
    private static final String B = MeshviewerFfrgbTest.B;

    @SuppressWarnings("unchecked")
    @Test
    void eachPairOnceWithBothDirectionsAndTheNodesAsDrawn() {
        CriticalElements critical = new CriticalElements(7, new TreeSet<>(List.of(NodeId.of(B))),
                new TreeSet<>(List.of(LinkId.of(B, "sim-03"))));
        Map<String, Object> d = TopologyDrawing.of(MeshviewerFfrgbTest.mesh(), critical,
                Map.of(NodeId.of(A), new DrawingPositions.Point(120, -60)));
        assertEquals(7L, d.get("version"));
        assertEquals(3, d.get("directedLinks"));
        List<Map<String, Object>> pairs = (List<Map<String, Object>>) d.get("pairs");
        assertEquals(2, pairs.size(), pairs.toString());
        Map<String, Object> ab = pairs.get(0);
        assertEquals(A, ab.get("a"));
        assertEquals(B, ab.get("b"));
        assertEquals(MeshviewerFfrgbTest.mesh().links().get(LinkId.of(A, B)).quality().score(), ab.get("ab"));
        assertEquals(MeshviewerFfrgbTest.mesh().links().get(LinkId.of(B, A)).quality().score(), ab.get("ba"));
        assertEquals(false, ab.get("bridge"));
        // one direction only: the other is null, not a guess; ids sort so that "02:..." < "sim-03"
        Map<String, Object> tunnel = pairs.get(1);
        assertEquals(B, tunnel.get("a"));
        assertEquals("sim-03", tunnel.get("b"));
        assertNull(tunnel.get("ab"));
        assertEquals(true, tunnel.get("bridge"));

        List<Map<String, Object>> nodes = (List<Map<String, Object>>) d.get("nodes");
        Map<String, Object> alpha = nodes.stream().filter(n -> n.get("id").equals(A)).findFirst().orElseThrow();
        assertEquals("alpha", alpha.get("name"));
        assertEquals("53.55", alpha.get("lat"));
        assertEquals("9.99", alpha.get("lon"));
        assertEquals(120, alpha.get("x"));
        assertEquals(-60, alpha.get("y"));
        Map<String, Object> b = nodes.stream().filter(n -> n.get("id").equals(B)).findFirst().orElseThrow();
        assertEquals(B, b.get("name"), "no hostname: the id");
        assertEquals(true, b.get("critical"));
        assertEquals("GATEWAY", b.get("role"));
        assertNull(b.get("lat"), "no location: none made up");
        assertNull(b.get("x"), "not placed: the page places it");
        assertEquals(List.of(B), d.get("articulationPoints"));
    }
}
