package io.x0tta6bl4.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

import org.junit.jupiter.api.Test;

class SimulatedMeshProviderTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final RecordingTopology topology = new RecordingTopology();

    private SimulatedMeshProvider provider(Map<String, Object> properties) {
        return new SimulatedMeshProvider(topology, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Map<String, Object> line(int size) {
        return new HashMap<>(Map.of("shape", "line", "size", size, "seed", 1));
    }

    @Test
    void defaultsToARandomMeshOfThirty() {
        SimulatedMeshProvider provider = provider(Map.of());
        assertEquals(SimConfig.DEFAULTS, provider.config());
        assertEquals("sim", provider.id());
        assertTrue(provider.description().contains("random"));
        provider.tick();
        RecordingTopology.Report report = topology.lastReport();
        assertEquals(30, report.nodes().size());
        assertEquals(2 * provider.status().links(), report.links().size());
    }

    @Test
    void tickReportsEveryAliveNodeAndLinkAsOneRound() {
        SimulatedMeshProvider provider = provider(line(5));
        provider.tick();
        RecordingTopology.Report report = topology.lastReport();
        assertEquals("sim", report.provider());
        assertEquals(List.of("sim-01", "sim-02", "sim-03", "sim-04", "sim-05"), ids(report.nodes()));
        assertEquals(NodeRole.SELF, report.nodes().get(0).role());
        assertEquals(8, report.links().size());
        assertTrue(report.nodes().stream().allMatch(n -> n.at().equals(NOW)));
        assertTrue(report.links().stream().allMatch(l -> l.at().equals(NOW)));
        assertEquals(1, provider.status().ticks());
    }

    @Test
    void failedNodeIsLeftOutUntilRecovered() {
        SimulatedMeshProvider provider = provider(line(5));
        assertTrue(provider.failNode("SIM-03", false));
        assertEquals("lost sim-03: simulated failure (sim:fail-node)", topology.calls.get(topology.calls.size() - 1),
                "the topology is told at once, not left to time the node out");
        assertFalse(provider.failNode("sim-03", false));
        assertEquals(1, topology.calls.stream().filter(c -> c.toString().startsWith("lost")).count());
        provider.tick();
        RecordingTopology.Report report = topology.lastReport();
        assertFalse(ids(report.nodes()).contains("sim-03"));
        // sim-01 - sim-02 and sim-04 - sim-05 remain, both directions.
        assertEquals(4, report.links().size());
        assertTrue(report.links().stream().map(LinkObservation::id)
                .noneMatch(id -> id.from().value().equals("sim-03") || id.to().value().equals("sim-03")));

        SimStatus status = provider.status();
        assertEquals(4, status.alive());
        assertEquals(List.of(NodeId.of("sim-03")), status.failedNodes());

        assertTrue(provider.recoverNode("sim-03"));
        provider.tick();
        assertEquals(5, topology.lastReport().nodes().size());
        assertEquals(8, topology.lastReport().links().size());
    }

    @Test
    void aSilentFailureIsNotReported() {
        SimulatedMeshProvider provider = provider(line(5));
        assertTrue(provider.failNode("sim-03", true));
        provider.tick();
        assertTrue(topology.calls.stream().noneMatch(c -> c.toString().startsWith("lost")));
        assertFalse(ids(topology.lastReport().nodes()).contains("sim-03"));
    }

    @Test
    void controlRefusesUnknownNodesAndMissingLinks() {
        SimulatedMeshProvider provider = provider(line(5));
        assertThrows(IllegalArgumentException.class, () -> provider.failNode("sim-06", false));
        assertThrows(IllegalArgumentException.class, () -> provider.failNode("not a node", false));
        assertThrows(IllegalArgumentException.class, () -> provider.degradeLink("sim-01", "sim-03", Degradation.defaults()));
        assertEquals(List.of("sim-01", "sim-02", "sim-03", "sim-04", "sim-05"), provider.nodeIds());
    }

    @Test
    void exceptionsFromTheTopologyServiceNeverEscapeATick() {
        SimulatedMeshProvider provider = provider(line(3));
        topology.failure = new IllegalArgumentException("unknown node sim-02");
        provider.tick();
        provider.tick();
        assertTrue(topology.reports().isEmpty());
        topology.failure = null;
        provider.tick();
        assertEquals(1, topology.reports().size());
        assertEquals(3, provider.status().ticks());
    }

    @Test
    void distinctFailuresAreLoggedOnceUntilASuccess() {
        DistinctFailureLog log = new DistinctFailureLog();
        assertTrue(log.firstTime(new IllegalStateException("a")));
        assertFalse(log.firstTime(new IllegalStateException("a")));
        assertTrue(log.firstTime(new IllegalStateException("b")));
        assertTrue(log.firstTime(new IllegalArgumentException("a")));
        assertTrue(log.succeeded());
        assertFalse(log.succeeded());
        assertTrue(log.firstTime(new IllegalStateException("a")));
    }

    @Test
    void changingTheMeshWithdrawsTheOldNodesFirst() {
        SimulatedMeshProvider provider = provider(line(5));
        provider.failNode("sim-02", false);
        provider.tick();
        provider.modified(line(8));
        assertEquals(1, topology.withdrawals());
        assertEquals("withdraw sim", topology.calls.get(topology.calls.size() - 1));
        SimStatus status = provider.status();
        assertEquals(8, status.nodes());
        // Faults named nodes of the old mesh; they go with it.
        assertTrue(status.failedNodes().isEmpty());
        provider.tick();
        assertEquals(8, topology.lastReport().nodes().size());

        Map<String, Object> reseeded = line(8);
        reseeded.put("seed", 2);
        provider.modified(reseeded);
        assertEquals(2, topology.withdrawals());
        Map<String, Object> reshaped = new HashMap<>(reseeded);
        reshaped.put("shape", "ring");
        provider.modified(reshaped);
        assertEquals(3, topology.withdrawals());
        assertEquals(MeshShape.RING, provider.config().shape());
    }

    @Test
    void changingOnlyTimingKeepsTheMeshAndItsFaults() {
        SimulatedMeshProvider provider = provider(line(5));
        provider.failNode("sim-02", false);
        Map<String, Object> slower = line(5);
        slower.put("interval.ms", 5000);
        slower.put("jitter", 0.3);
        provider.modified(slower);
        assertEquals(0, topology.withdrawals());
        assertEquals(5000, provider.config().intervalMs());
        assertEquals(0.3, provider.config().jitter());
        assertEquals(List.of(NodeId.of("sim-02")), provider.status().failedNodes());
    }

    @Test
    void badModificationKeepsTheLastGoodConfiguration() {
        SimulatedMeshProvider provider = provider(line(5));
        SimConfig before = provider.config();
        Map<String, Object> bad = line(5);
        bad.put("size", "many");
        bad.put("interval.ms", "0");
        provider.modified(bad);
        assertEquals(before, provider.config());
        assertEquals(0, topology.withdrawals());
        assertEquals(5, provider.status().nodes());
    }

    @Test
    void badInitialConfigurationFallsBackToDefaults() {
        SimulatedMeshProvider provider = provider(Map.of("size", "lots", "shape", "star"));
        assertEquals(SimConfig.DEFAULTS, provider.config());
    }

    @Test
    void jitterChangesMetricsBetweenTicks() {
        SimulatedMeshProvider provider = provider(line(5));
        provider.tick();
        provider.tick();
        List<RecordingTopology.Report> reports = topology.reports();
        assertNotEquals(reports.get(0).links(), reports.get(1).links());
    }

    @Test
    void tickerReportsAtOnceOnItsOwnThreadAndStopsOnDeactivate() throws Exception {
        Map<String, Object> fast = line(4);
        fast.put("interval.ms", 100);
        SimulatedMeshProvider provider = provider(fast);
        provider.activate();
        try {
            assertTrue(topology.firstReport.await(5, TimeUnit.SECONDS), "no report within 5 s");
            assertEquals(SimulatedMeshProvider.THREAD_NAME, topology.lastReport().thread());
            assertTrue(tickerThreadAlive());
        } finally {
            provider.deactivate();
        }
        // deactivate awaited the executor, which reports termination just before its worker exits
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tickerThreadAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(tickerThreadAlive());
        assertEquals("withdraw sim", topology.calls.get(topology.calls.size() - 1));
    }

    private static boolean tickerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(SimulatedMeshProvider.THREAD_NAME));
    }

    private static List<String> ids(List<NodeObservation> nodes) {
        return nodes.stream().map(n -> n.id().value()).toList();
    }
}
