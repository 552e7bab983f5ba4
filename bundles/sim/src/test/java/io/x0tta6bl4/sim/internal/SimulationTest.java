package io.x0tta6bl4.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final NodeId N1 = NodeId.of("sim-01");
    private static final NodeId N2 = NodeId.of("sim-02");
    private static final NodeId N3 = NodeId.of("sim-03");

    /** A ring of six: sim-01 links sim-02 and sim-06. */
    private final Simulation sim = new Simulation(MeshGenerator.generate(MeshShape.RING, 6, 42));

    @Test
    void roundReportsEveryNodeAndBothDirectionsOfEveryLink() {
        Round round = sim.nextRound(NOW, 0.1);
        assertEquals(6, round.nodes().size());
        assertEquals(12, round.links().size());
        assertTrue(round.nodes().stream().allMatch(n -> n.at().equals(NOW)));
        Set<LinkId> ids = linkIds(round);
        assertTrue(ids.contains(new LinkId(N1, N2)) && ids.contains(new LinkId(N2, N1)));
        assertTrue(ids.contains(LinkId.of("sim-06", "sim-01")));
    }

    @Test
    void failedNodeAndItsLinksAreNotReported() {
        assertTrue(sim.failNode(N2));
        assertFalse(sim.failNode(N2));
        Round round = sim.nextRound(NOW, 0.1);
        assertEquals(5, round.nodes().size());
        assertFalse(round.nodes().stream().anyMatch(n -> n.id().equals(N2)));
        // Ring of six minus the two links of sim-02, each in both directions.
        assertEquals(8, round.links().size());
        assertTrue(round.links().stream().noneMatch(l -> l.id().from().equals(N2) || l.id().to().equals(N2)));
        assertEquals(List.of(N2), sim.failedNodes());
        assertEquals(5, sim.aliveCount());

        assertTrue(sim.recoverNode(N2));
        assertFalse(sim.recoverNode(N2));
        Round recovered = sim.nextRound(NOW, 0.1);
        assertEquals(6, recovered.nodes().size());
        assertEquals(12, recovered.links().size());
    }

    @Test
    void degradedLinkIsWorseInBothDirectionsUntilRecovered() {
        sim.degradeLink(N2, N1, new Degradation(0.4, 200, 30));
        Map<LinkId, LinkMetrics> metrics = metrics(sim.nextRound(NOW, 0.1));
        for (LinkId id : List.of(new LinkId(N1, N2), new LinkId(N2, N1))) {
            LinkMetrics m = metrics.get(id);
            assertTrue(m.loss() >= 0.4, id + " loss " + m.loss());
            assertTrue(m.latencyMs() >= 200, id + " latency " + m.latencyMs());
            assertTrue(m.tq() <= 30, id + " tq " + m.tq());
        }
        LinkMetrics other = metrics.get(new LinkId(N2, N3));
        assertTrue(other.loss() < 0.4 && other.latencyMs() < 200 && other.tq() > 30);
        assertEquals(1, sim.degradedLinks().size());
        assertEquals(N1, sim.degradedLinks().get(0).a());

        assertTrue(sim.recoverLink(N1, N2));
        assertFalse(sim.recoverLink(N1, N2));
        LinkMetrics healed = metrics(sim.nextRound(NOW, 0.1)).get(new LinkId(N1, N2));
        assertTrue(healed.loss() < 0.4 && healed.latencyMs() < 200);
    }

    @Test
    void recoverAllClearsEveryFault() {
        sim.failNode(N3);
        sim.failNode(NodeId.of("sim-05"));
        sim.degradeLink(N1, N2, Degradation.defaults());
        assertEquals(new Simulation.Recovered(2, 1), sim.recoverAll());
        assertEquals(new Simulation.Recovered(0, 0), sim.recoverAll());
        assertTrue(sim.failedNodes().isEmpty());
        assertTrue(sim.degradedLinks().isEmpty());
        assertEquals(6, sim.nextRound(NOW, 0).nodes().size());
    }

    @Test
    void unknownNodeOrLinkIsRefusedWithAClearMessage() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> sim.failNode(NodeId.of("sim-99")));
        assertEquals("unknown simulated node 'sim-99': the mesh has sim-01 .. sim-06", unknown.getMessage());
        IllegalArgumentException noLink = assertThrows(IllegalArgumentException.class,
                () -> sim.degradeLink(N1, N3, Degradation.defaults()));
        assertEquals("no link between sim-01 and sim-03 in the simulated ring mesh", noLink.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.recoverLink(N1, N1));
        assertThrows(IllegalArgumentException.class, () -> sim.recoverNode(NodeId.of("sim-7")));
    }

    @Test
    void belowFullChurnOnlyChangedLinksAreReportedAfterAFullFirstRound() {
        Simulation big = new Simulation(MeshGenerator.generate(MeshShape.GRID, 400, 3));
        int all = big.mesh().edges().size() * 2;
        assertEquals(all, big.nextRound(NOW, 0.1, 0.1).links().size(), "the first round reports everything");
        int churned = big.nextRound(NOW, 0.1, 0.1).links().size();
        assertTrue(churned > all * 0.05 && churned < all * 0.15, churned + " of " + all);
        assertEquals(0, churned % 2, "both directions of a changed link");
        assertEquals(400, big.nextRound(NOW, 0.1, 0.1).nodes().size(), "every node, every round");
        assertEquals(0, big.nextRound(NOW, 0.1, 0).links().size(), "no churn, nothing to report");
    }

    @Test
    void aFaultChangeMakesTheNextRoundFullAndDegradedLinksAreAlwaysReported() {
        sim.nextRound(NOW, 0.1, 0);
        sim.degradeLink(N1, N2, new Degradation(0.5, 100.0, null));
        assertEquals(12, sim.nextRound(NOW, 0.1, 0).links().size(), "full round after the fault");
        List<LinkObservation> quiet = sim.nextRound(NOW, 0.1, 0).links();
        assertEquals(Set.of(new LinkId(N1, N2), new LinkId(N2, N1)),
                quiet.stream().map(LinkObservation::id).collect(Collectors.toSet()));
    }

    @Test
    void sameSeedGivesSameJitteredRounds() {
        Simulation twin = new Simulation(MeshGenerator.generate(MeshShape.RING, 6, 42));
        for (int i = 0; i < 5; i++) {
            assertEquals(sim.nextRound(NOW, 0.2), twin.nextRound(NOW, 0.2));
        }
    }

    @Test
    void nodeObservationsCarryRoleAddressesAndAttributes() {
        Map<NodeId, NodeObservation> nodes = sim.nextRound(NOW, 0).nodes().stream()
                .collect(Collectors.toMap(NodeObservation::id, Function.identity()));
        assertEquals("SELF", nodes.get(N1).role().name());
        assertEquals("PEER", nodes.get(N2).role().name());
        assertEquals(List.of("02:73:69:6d:00:02"), nodes.get(N2).addresses());
        assertEquals("node-02", nodes.get(N2).attributes().get("hostname"));
        assertNull(nodes.get(N2).attributes().get("location.latitude"), "no center: no location");
    }

    @Test
    void aCenterPlacesEveryNodeWithinTheSpanAroundIt() {
        SimConfig.Location center = new SimConfig.Location(53.08, 8.80);
        List<NodeObservation> nodes = sim.nextRound(NOW, 0, 1.0, center).nodes();
        assertEquals(6, nodes.size());
        Set<String> places = new HashSet<>();
        for (NodeObservation n : nodes) {
            double lat = Double.parseDouble(n.attributes().get("location.latitude"));
            double lon = Double.parseDouble(n.attributes().get("location.longitude"));
            assertTrue(Math.abs(lat - 53.08) <= SimNode.SPAN_DEGREES / 2 + 1e-9, n + " lat " + lat);
            assertTrue(Math.abs(lon - 8.80) <= SimNode.SPAN_DEGREES, n + " lon " + lon);
            places.add(lat + "," + lon);
        }
        assertEquals(6, places.size(), "a ring's nodes lie apart: " + places);
    }

    private static Set<LinkId> linkIds(Round round) {
        return round.links().stream().map(LinkObservation::id).collect(Collectors.toSet());
    }

    private static Map<LinkId, LinkMetrics> metrics(Round round) {
        return round.links().stream().collect(Collectors.toMap(LinkObservation::id, LinkObservation::metrics));
    }
}
