package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.x0tta6bl4.api.topology.TopologyStatistics;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.support.testing.MutableClock;

import org.junit.jupiter.api.Test;

class GraphStatisticsTest {

    private static final double EPS = 1e-9;
    private final MutableClock clock = new MutableClock(Mesh.t0());
    private final TopologyManager topology = new TopologyManager(clock);

    @Test
    void emptyTopology() {
        TopologyStatistics s = topology.statistics();
        assertEquals(new TopologyStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0), s);
    }

    @Test
    void lineOfFourBothWays() {
        // a - b - c - d, every link TQ 255 (cost 1) except c <-> d at 128 (cost 255/128)
        new Mesh(clock).nodes("a", "b", "c", "d").both("a", "b", 255).both("b", "c", 255).both("c", "d", 128)
                .reportTo(topology, "test");
        TopologyStatistics s = topology.statistics();
        assertEquals(4, s.nodes());
        assertEquals(4, s.nodesUp());
        assertEquals(6, s.links());
        assertEquals(1.5, s.averageDegree(), EPS);
        assertEquals(1, s.components());
        assertEquals(3, s.diameterHops());
        assertEquals(2 + 255 / 128.0, s.diameterCost(), EPS);
        assertEquals((4 * 1.0 + 2 * 128 / 255.0) / 6, s.averageQuality(), EPS);
        assertEquals(topology.snapshot().version(), s.version());
    }

    @Test
    void componentsAreWeakAndCountLoneNodes() {
        // a -> b one way only is still one component; c <-> d another; e alone a third
        new Mesh(clock).nodes("a", "b", "c", "d", "e").tq("a", "b", 255).both("c", "d", 255)
                .reportTo(topology, "test");
        TopologyStatistics s = topology.statistics();
        assertEquals(3, s.components());
        assertEquals(1, s.diameterHops());
        assertEquals(1.0, s.diameterCost(), EPS);
    }

    @Test
    void unusableLinksDoNotConnect() {
        new Mesh(clock).nodes("a", "b").both("a", "b", 0).reportTo(topology, "test");
        TopologyStatistics s = topology.statistics();
        assertEquals(2, s.links());
        assertEquals(2, s.components());
        assertEquals(0, s.diameterHops());
        assertEquals(0.0, s.diameterCost(), EPS);
        assertEquals(0.0, s.averageQuality(), EPS);
    }

    @Test
    void downNodesLeaveTheFigures() {
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 255).both("b", "c", 255).reportTo(topology, "test");
        assertEquals(2, topology.statistics().diameterHops());
        clock.advanceMillis(4000);
        topology.nodeSeen("test", NodeObservation.seen(id("a"), clock.instant()));
        topology.nodeSeen("test", NodeObservation.seen(id("b"), clock.instant()));
        clock.advanceMillis(2000);
        topology.sweep();
        TopologyStatistics s = topology.statistics();
        assertEquals(3, s.nodes());
        assertEquals(2, s.nodesUp());
        assertEquals(2, s.links());
        assertEquals(1.0, s.averageDegree(), EPS);
        assertEquals(1, s.components());
        assertEquals(1, s.diameterHops());
    }

    @Test
    void statisticsAreComputedOncePerSnapshot() {
        new Mesh(clock).nodes("a", "b").both("a", "b", 255).reportTo(topology, "test");
        TopologyStatistics first = topology.statistics();
        assertSame(first, topology.statistics());
        new Mesh(clock).tq("a", "b", 200).reportTo(topology, "test");
        assertEquals(first.version() + 1, topology.statistics().version());
    }
}
