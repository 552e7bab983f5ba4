package io.x0tta6bl4.api.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void nodeIdsAreNormalisedAndValidated() {
        assertEquals(NodeId.of("02:00:00:00:01:02"), NodeId.of(" 02:00:00:00:01:02 ".toUpperCase()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeId.of("bad id!"))
                .getMessage().contains("bad id!"));
        assertThrows(IllegalArgumentException.class, () -> NodeId.of(""));
        assertThrows(IllegalArgumentException.class, () -> NodeId.of("x".repeat(65)));
    }

    @Test
    void linkIdsParseTheirEventForm() {
        LinkId id = LinkId.of("a", "b");
        assertEquals("a->b", id.toString());
        assertEquals(id, LinkId.parse("a->b"));
        assertEquals(LinkId.of("b", "a"), id.reversed());
        assertThrows(IllegalArgumentException.class, () -> LinkId.parse("a-b"));
        assertThrows(IllegalArgumentException.class, () -> LinkId.of("a", "a"));
    }

    @Test
    void metricsOutOfRangeAreRefusedNamingTheMetric() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinkMetrics(null, null, 1.5, null))
                .getMessage().contains("loss"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinkMetrics.ofTq(256))
                .getMessage().contains("TQ"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinkMetrics(-1.0, null, null, null))
                .getMessage().contains("latency"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinkMetrics(null, Double.NaN, null, null))
                .getMessage().contains("throughput"));
        assertTrue(LinkMetrics.NONE.isEmpty());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinkMetrics.ofTq(200).onInterface("two words"))
                .getMessage().contains("interface name"));
        assertThrows(IllegalArgumentException.class, () -> LinkMetrics.ofTq(200).onInterface("a-name-of-16-chr"));
        LinkMetrics heard = LinkMetrics.ofTq(200).onInterface("mesh0");
        assertEquals("mesh0", heard.iface());
        assertEquals(200, heard.tq());
        assertEquals(null, LinkMetrics.ofTq(200).iface(), "the older forms carry none");
    }

    @Test
    void qualityAndPathInvariantsHold() {
        assertThrows(IllegalArgumentException.class, () -> new LinkQuality(1.2, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinkQuality(0.5, 0.5));
        assertTrue(!new LinkQuality(0, Double.POSITIVE_INFINITY).isUsable());
        assertThrows(IllegalArgumentException.class,
                () -> new Path(java.util.List.of(NodeId.of("a"), NodeId.of("b")), java.util.List.of(), 1, "hops"));
    }
}
