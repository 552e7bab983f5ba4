package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.testing.MutableClock;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.BiconnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.Test;

class CriticalityTest {

    private final MutableClock clock = new MutableClock(Mesh.t0());

    @Test
    void aLineHasEveryInnerNodeAndEveryLinkCritical() {
        TopologyManager topology = new TopologyManager(clock);
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 255).both("b", "c", 255).reportTo(topology, "sim");
        CriticalElements c = topology.critical();
        assertEquals(Set.of(id("b")), c.articulationPoints());
        assertEquals(Set.of(LinkId.of("a", "b"), LinkId.of("b", "c")), c.bridges());
        assertEquals(topology.snapshot().version(), c.version());
        assertTrue(c.isBridge(LinkId.of("c", "b")));
    }

    @Test
    void aLinkInOneDirectionJoinsTwoNodesAndAnUnusableLinkDoesNot() {
        TopologyManager topology = new TopologyManager(clock);
        // a triangle a-b-c whose c-a side is one-way, plus d hanging off c by a dead link
        new Mesh(clock).nodes("a", "b", "c", "d").both("a", "b", 255).both("b", "c", 255).tq("c", "a", 200)
                .tq("c", "d", 0).reportTo(topology, "sim");
        CriticalElements c = topology.critical();
        assertTrue(c.articulationPoints().isEmpty(), c.toString());
        assertTrue(c.bridges().isEmpty(), c.toString());
    }

    @Test
    void aDownNodeIsNotPartOfTheMesh() {
        TopologyManager topology = new TopologyManager(clock);
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 255).both("b", "c", 255).both("a", "c", 255)
                .reportTo(topology, "sim");
        assertTrue(topology.critical().articulationPoints().isEmpty());
        clock.advanceMillis(6000);
        new Mesh(clock).nodes("a", "b").both("a", "b", 255).reportTo(topology, "sim");
        topology.sweep();
        assertEquals(Set.of(LinkId.of("a", "b")), topology.critical().bridges());
    }

    @Test
    void agreesWithJGraphTOnRandomGraphs() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 2 + random.nextInt(40);
            double p = random.nextDouble() * 4 / n;
            Mesh mesh = new Mesh(clock);
            Graph<NodeId, DefaultEdge> peer = new SimpleGraph<>(DefaultEdge.class);
            for (int i = 0; i < n; i++) {
                mesh.nodes("n" + i);
                peer.addVertex(id("n" + i));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && random.nextDouble() < p) {
                        boolean usable = random.nextInt(5) > 0;
                        mesh.link("n" + i, "n" + j, LinkMetrics.ofTq(usable ? 50 + random.nextInt(206) : 0));
                        if (usable) {
                            peer.addEdge(id("n" + i), id("n" + j));
                        }
                    }
                }
            }
            TopologyManager topology = new TopologyManager(clock);
            mesh.reportTo(topology, "sim");
            CriticalElements ours = topology.critical();
            BiconnectivityInspector<NodeId, DefaultEdge> inspector = new BiconnectivityInspector<>(peer);
            assertEquals(new TreeSet<>(inspector.getCutpoints()), ours.articulationPoints(), "round " + round);
            Set<LinkId> bridges = new HashSet<>();
            for (DefaultEdge e : inspector.getBridges()) {
                bridges.add(Criticality.undirected(peer.getEdgeSource(e), peer.getEdgeTarget(e)));
            }
            assertEquals(bridges, ours.bridges(), "round " + round);
        }
    }
}
