package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.support.testing.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShortestPathsTest {

    private static final double EPS = 1e-9;
    private final MutableClock clock = new MutableClock(Mesh.t0());
    private TopologyManager topology;

    /**
     * <pre>
     *   a --255--> b --255--> d      quality: a b d costs 1 + 1 = 2
     *   a --128--> c --128--> d      quality: 2 * 255/128 = 3.98
     *   a ---------26-------> d      quality: 255/26 = 9.8, but only one hop
     * </pre>
     * plus e, reachable from nobody, and d -> a so d can come back.
     */
    @BeforeEach
    void diamond() {
        topology = new TopologyManager(clock);
        new Mesh(clock).nodes("a", "b", "c", "d", "e")
                .tq("a", "b", 255).tq("b", "d", 255)
                .tq("a", "c", 128).tq("c", "d", 128)
                .tq("a", "d", 26).tq("d", "a", 255)
                .reportTo(topology, "test");
    }

    private static List<String> hops(Path p) {
        return p.hops().stream().map(NodeId::value).toList();
    }

    @Test
    void qualityPrefersGoodLinksOverFewHops() {
        Path p = topology.path(id("a"), id("d"), "quality").orElseThrow();
        assertEquals(List.of("a", "b", "d"), hops(p));
        assertEquals(2.0, p.cost(), EPS);
        assertEquals("quality", p.weigher());
        assertEquals(List.of("a->b", "b->d"), p.links().stream().map(l -> l.id().toString()).toList());
    }

    @Test
    void theDefaultWeigherIsQuality() {
        assertEquals(List.of("a", "b", "d"), hops(topology.path(id("a"), id("d")).orElseThrow()));
    }

    @Test
    void hopsPrefersTheDirectLink() {
        Path p = topology.path(id("a"), id("d"), "hops").orElseThrow();
        assertEquals(List.of("a", "d"), hops(p));
        assertEquals(1.0, p.cost(), EPS);
    }

    @Test
    void latencyWeigherFollowsMeasuredLatency() {
        // a -> c measured fast, everything else unmeasured (100 ms each)
        new Mesh(clock).latency("a", "c", 1).latency("c", "d", 1).reportTo(topology, "probe");
        Path p = topology.path(id("a"), id("d"), "latency").orElseThrow();
        assertEquals(List.of("a", "c", "d"), hops(p));
        assertEquals(2.0, p.cost(), EPS);
    }

    @Test
    void linksAreDirected() {
        // the only way back from d is d -> a
        assertEquals(List.of("d", "a", "b"), hops(topology.path(id("d"), id("b")).orElseThrow()));
        assertEquals(List.of("b", "d", "a"), hops(topology.path(id("b"), id("a")).orElseThrow()));
        TopologyManager oneWay = new TopologyManager(clock);
        new Mesh(clock).nodes("x", "y").tq("x", "y", 255).reportTo(oneWay, "test");
        assertTrue(oneWay.path(id("x"), id("y")).isPresent());
        assertTrue(oneWay.path(id("y"), id("x")).isEmpty());
    }

    @Test
    void unreachableGivesEmpty() {
        assertTrue(topology.path(id("a"), id("e")).isEmpty());
        assertTrue(topology.path(id("e"), id("a")).isEmpty());
    }

    @Test
    void pathToItselfIsOneHopOfCostZero() {
        Path p = topology.path(id("a"), id("a")).orElseThrow();
        assertEquals(List.of("a"), hops(p));
        assertEquals(0, p.hopCount());
        assertEquals(0.0, p.cost(), EPS);
    }

    @Test
    void downNodesAreAvoided() {
        // everyone but b keeps reporting; b goes DOWN
        clock.advanceMillis(3000);
        for (String n : List.of("a", "c", "d", "e")) {
            topology.nodeSeen("test", NodeObservation.seen(id(n), clock.instant()));
        }
        clock.advanceMillis(3000);
        topology.sweep();
        assertEquals(List.of("a", "c", "d"), hops(topology.path(id("a"), id("d")).orElseThrow()));
        assertTrue(topology.path(id("a"), id("b")).isEmpty(), "a DOWN node is unreachable");
    }

    @Test
    void unknownNodeOrWeigherIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> topology.path(id("a"), id("zz")));
        assertThrows(IllegalArgumentException.class, () -> topology.path(id("zz"), id("a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> topology.path(id("a"), id("d"), "nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("quality"), e.getMessage());
    }

    @Test
    void pluginWeighersAreOfferedAndDropped() {
        // avoid b at any price
        LinkWeigher avoidB = weigher("avoid-b", l -> l.to().equals(id("b")) ? Double.POSITIVE_INFINITY : 1);
        topology.addWeigher(avoidB);
        assertTrue(topology.weighers().containsAll(List.of("hops", "quality", "latency", "avoid-b")));
        assertEquals(List.of("a", "d"), hops(topology.path(id("a"), id("d"), "avoid-b").orElseThrow()));
        topology.removeWeigher(avoidB);
        assertThrows(IllegalArgumentException.class, () -> topology.path(id("a"), id("d"), "avoid-b"));
    }

    @Test
    void misbehavingWeightsExcludeTheLink() {
        Map<String, Double> weights = Map.of("a->b", Double.NaN, "a->d", -5.0);
        topology.addWeigher(weigher("odd", l -> weights.getOrDefault(l.id().toString(), 1.0)));
        assertEquals(List.of("a", "c", "d"), hops(topology.path(id("a"), id("d"), "odd").orElseThrow()));
    }

    @Test
    void aPluginCannotShadowABuiltIn() {
        topology.addWeigher(weigher("hops", l -> 1000));
        assertEquals(1.0, topology.path(id("a"), id("d"), "hops").orElseThrow().cost(), EPS);
    }

    @Test
    void ringPicksTheCheaperWayRound() {
        TopologyManager ring = new TopologyManager(clock);
        Mesh m = new Mesh(clock).nodes("n0", "n1", "n2", "n3", "n4", "n5");
        for (int i = 0; i < 6; i++) {
            m.both("n" + i, "n" + (i + 1) % 6, 255);
        }
        m.reportTo(ring, "test");
        Path shortWay = ring.path(id("n0"), id("n4")).orElseThrow();
        assertEquals(List.of("n0", "n5", "n4"), hops(shortWay));
        assertEquals(2.0, shortWay.cost(), EPS);

        // n5 -> n4 degrades to cost 255/26 = 9.8: four good hops the other way are cheaper
        new Mesh(clock).tq("n5", "n4", 26).reportTo(ring, "test");
        Path longWay = ring.path(id("n0"), id("n4")).orElseThrow();
        assertEquals(List.of("n0", "n1", "n2", "n3", "n4"), hops(longWay));
        assertEquals(4.0, longWay.cost(), EPS);
        assertEquals(List.of("n0", "n5", "n4"), hops(ring.path(id("n0"), id("n4"), "hops").orElseThrow()));
    }

    private static LinkWeigher weigher(String name, java.util.function.ToDoubleFunction<Link> f) {
        return new LinkWeigher() {
            @Override
            public double weight(Link link) {
                return f.applyAsDouble(link);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
