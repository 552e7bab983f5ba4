package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

import org.junit.jupiter.api.Test;

/** The captured life of node A: C converges, runs steady, loses its link, is purged. */
class MeshPollerTest {

    private static final NodeId A = NodeId.of("02:00:00:00:01:02");
    private static final NodeId B = NodeId.of("02:00:00:00:02:01");
    private static final NodeId C = NodeId.of("02:00:00:00:03:02");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final RecordingTopology topology = new RecordingTopology();
    private final List<HealthEvent> events = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();
    private final MeshPoller poller = new MeshPoller(topology.service(), events::add, logs::add, Clock.fixed(NOW, ZoneOffset.UTC));
    private final BatmanConfig config = BatmanConfig.DEFAULTS;

    @Test
    void steadyMeshIsReportedWithOneHopLinksAndTq() {
        FixtureBackend a = new FixtureBackend("steady", "A");
        List<MeshTracker.Transition> changes = poller.poll(a, config);

        assertEquals(2, changes.stream().filter(t -> t.change() == MeshTracker.Change.JOINED).count());
        List<NodeObservation> nodes = topology.lastNodes();
        assertEquals(A, nodes.get(0).id());
        assertEquals(NodeRole.SELF, nodes.get(0).role());
        assertTrue(nodes.get(0).addresses().contains("02:ba:7a:00:00:01"));
        NodeObservation c = nodes.stream().filter(n -> n.id().equals(C)).findFirst().orElseThrow();
        assertEquals("02:00:00:00:02:01", c.attributes().get("batman.nexthop"));
        assertEquals(NOW.minusMillis(970), c.at());
        assertEquals(1, topology.lastLinks().size());
        assertEquals(new LinkId(A, B), topology.lastLinks().get(0).id());
        assertEquals(255, topology.lastLinks().get(0).metrics().tq());
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void batadvVisRecordsAddTheLinksBetweenOtherNodes() throws Exception {
        FixtureBackend a = new FixtureBackend("steady", "A");
        io.x0tta6bl4.batman.internal.alfred.MeshGraph graph = io.x0tta6bl4.batman.internal.alfred.MeshGraph.of(
                io.x0tta6bl4.batman.internal.alfred.VisNodeTestAccess.steadyRecords());
        poller.poll(a, config, graph);
        java.util.Set<String> links = new java.util.HashSet<>();
        topology.lastLinks().forEach(l -> links.add(l.id().toString()));
        assertEquals(java.util.Set.of(A + "->" + B, B + "->" + C, B + "->" + A, C + "->" + B), links);

        // C silent: its links leave with it.
        a.phase = "down-5s";
        poller.poll(a, config, graph);
        links.clear();
        topology.lastLinks().forEach(l -> links.add(l.id().toString()));
        assertEquals(java.util.Set.of(A + "->" + B, B + "->" + A), links);
    }

    @Test
    void anInterfaceLosingCarrierTakesItsLinksDownOnceAndBringsThemBackWithIt() {
        FixtureBackend a = new FixtureBackend("steady", "A");
        poller.poll(a, config);
        a.noCarrier = java.util.Set.of("vAB");
        poller.poll(a, config);
        poller.poll(a, config);
        List<HealthEvent> links = events.stream().filter(e -> e.kind().startsWith("LINK_")).toList();
        assertEquals(1, links.size(), links.toString());
        assertEquals(HealthKinds.LINK_DOWN, links.get(0).kind());
        assertEquals(A + "->" + B, links.get(0).subject());
        assertEquals("vAB lost carrier", links.get(0).details());
        a.noCarrier = java.util.Set.of();
        poller.poll(a, config);
        links = events.stream().filter(e -> e.kind().startsWith("LINK_")).toList();
        assertEquals(List.of(HealthKinds.LINK_DOWN, HealthKinds.LINK_UP), links.stream().map(HealthEvent::kind).toList());
        assertEquals(A + "->" + B, links.get(1).subject());
        assertEquals("vAB has carrier again", links.get(1).details());
    }

    @Test
    void aSilentOriginatorIsDownLongBeforeThePurgeThenLeaves() {
        FixtureBackend a = new FixtureBackend("steady", "A");
        poller.poll(a, config);
        a.phase = "down-5s";
        poller.poll(a, config);

        // The topology takes C down at once and posts NODE_DOWN with this reason.
        assertEquals(1, topology.lost().size());
        assertEquals(C, topology.lost().get(0).getKey());
        assertEquals("batman-adv originator silent for 9080 ms (threshold 5000 ms; batman-adv purges it after 200 s)",
                topology.lost().get(0).getValue());
        assertTrue(events.isEmpty(), "NODE_DOWN is the topology's, not posted twice: " + events);
        assertTrue(topology.lastNodes().stream().noneMatch(n -> n.id().equals(C)));
        assertEquals(java.util.Set.of(C), poller.down());

        poller.poll(a, config);
        assertEquals(1, topology.lost().size(), "reported lost once");

        a.phase = "down-final";
        List<MeshTracker.Transition> changes = poller.poll(a, config);
        assertEquals(List.of(new MeshTracker.Transition(MeshTracker.Change.LEFT, C, null)), changes);
        assertEquals(List.of(C), topology.gone);

        a.phase = "steady";
        poller.poll(a, config);
        assertTrue(topology.lastNodes().stream().anyMatch(n -> n.id().equals(C)));
    }

    @Test
    void convergingLinkUnderTheTqThresholdIsDegradedAndRecovers() {
        FixtureBackend b = new FixtureBackend("steady", "B");
        BatmanConfig strict = new BatmanConfig("bat0", "netlink", "batctl", 1000, 5000, 256 - 1, 1.0, List.of(), "",
                "/var/run/alfred.sock", 100, 0, 0, 0, 0);
        poller.poll(b, strict);
        long degraded = events.stream().filter(e -> e.kind().equals(HealthKinds.LINK_DEGRADED)).count();
        // B hears A and C at TQ 255 in the steady phase: nothing under 255.
        assertEquals(0, degraded, events.toString());
        b.phase = "converged";
        poller.poll(b, strict);
        assertTrue(events.stream().anyMatch(e -> e.kind().equals(HealthKinds.LINK_DEGRADED)
                && e.subject().startsWith("02:00:00:00:02:01->")), events.toString());
        b.phase = "steady";
        events.clear();
        poller.poll(b, strict);
        assertTrue(events.isEmpty());
    }

    @Test
    void anUnreadableMeshIsLoggedOnceAndRetried() {
        FixtureBackend a = new FixtureBackend("steady", "A");
        a.broken = true;
        poller.poll(a, config);
        poller.poll(a, config);
        assertEquals(1, logs.size(), logs.toString());
        assertNotNull(poller.last().error());
        a.broken = false;
        poller.poll(a, config);
        assertNull(poller.last().error());
        assertEquals(2, logs.size());
    }
}
