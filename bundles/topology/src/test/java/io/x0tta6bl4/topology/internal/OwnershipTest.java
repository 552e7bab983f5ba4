package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.MeshProvider;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.support.testing.MutableClock;
import io.x0tta6bl4.support.testing.RecordingEventAdmin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private final MutableClock clock = new MutableClock(Mesh.t0());
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final TopologyManager topology = new TopologyManager(clock);

    @BeforeEach
    void bind() {
        topology.bindEventAdmin(events);
    }

    @Test
    void aBatchIsOneVersionAndItsEventsComeInOrder() {
        new Mesh(clock).nodes("a", "b").both("a", "b", 255).reportTo(topology, "sim");
        assertEquals(1, topology.snapshot().version());
        List<TopologyEvent> posted = events.topology();
        assertEquals(List.of(TopologyEventType.NODE_ADDED, TopologyEventType.NODE_ADDED,
                TopologyEventType.LINK_ADDED, TopologyEventType.LINK_ADDED),
                posted.stream().map(TopologyEvent::type).toList());
        assertTrue(posted.stream().allMatch(e -> e.version() == 1 && e.source().equals("sim")));
        assertEquals("quality=1.00", posted.get(2).details());
    }

    @Test
    void snapshotsAreCachedUntilTheNextChange() {
        new Mesh(clock).nodes("a").reportTo(topology, "sim");
        TopologySnapshot first = topology.snapshot();
        assertSame(first, topology.snapshot());
        topology.linkGone("sim", LinkId.of("a", "b"));
        assertSame(first, topology.snapshot(), "a call that changes nothing is no new version");
        clock.advanceMillis(10);
        topology.nodeSeen("sim", NodeObservation.seen(id("a"), clock.instant()));
        TopologySnapshot second = topology.snapshot();
        assertEquals(first.version() + 1, second.version());
        assertEquals(clock.instant(), second.time());
        assertEquals(clock.instant(), second.node(id("a")).orElseThrow().lastSeen());
    }

    @Test
    void aLinkToAnUnknownNodeIsRefused() {
        new Mesh(clock).nodes("a").reportTo(topology, "sim");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> topology.linkMeasured("sim",
                new LinkObservation(LinkId.of("a", "ghost"), LinkMetrics.ofTq(200), clock.instant())));
        assertTrue(e.getMessage().contains("ghost"), e.getMessage());
        assertTrue(topology.snapshot().links().isEmpty());
    }

    @Test
    void aRoundWithALinkToAnUnknownNodeChangesNothing() {
        long version = topology.snapshot().version();
        Mesh round = new Mesh(clock).nodes("a", "b").both("a", "b", 255).tq("b", "ghost", 255);
        assertThrows(IllegalArgumentException.class, () -> round.reportTo(topology, "sim"));
        assertEquals(version, topology.snapshot().version());
        assertTrue(topology.snapshot().nodes().isEmpty());
        assertTrue(events.posted.isEmpty());
    }

    @Test
    void withdrawRemovesOnlyWhatNoOtherProviderReports() {
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 255).both("b", "c", 255).reportTo(topology, "sim");
        new Mesh(clock).nodes("b", "c").tq("b", "c", 200).reportTo(topology, "batman");
        assertEquals("batman,sim", topology.node(id("b")).orElseThrow().attributes().get(Node.ATTR_PROVIDER));
        events.clear();

        topology.withdraw("sim");

        assertEquals(List.of(id("b"), id("c")), List.copyOf(topology.snapshot().nodes().keySet()));
        assertEquals(List.of(LinkId.of("b", "c")), List.copyOf(topology.snapshot().links().keySet()));
        assertEquals("batman", topology.node(id("b")).orElseThrow().attributes().get(Node.ATTR_PROVIDER));
        assertEquals(List.of("a"), events.topology(TopologyEventType.NODE_REMOVED));
        assertEquals(List.of("a->b", "b->a", "c->b"), events.topology(TopologyEventType.LINK_REMOVED).stream()
                .sorted().toList());

        topology.withdraw("batman");
        assertTrue(topology.snapshot().nodes().isEmpty());
        assertTrue(topology.snapshot().links().isEmpty());
    }

    @Test
    void aNodeLeavesOnlyWhenEveryOwnerSaysSo() {
        new Mesh(clock).nodes("a", "b").both("a", "b", 255).reportTo(topology, "sim");
        new Mesh(clock).nodes("a").reportTo(topology, "batman");
        topology.nodeGone("sim", id("a"));
        assertTrue(topology.node(id("a")).isPresent());
        topology.nodeGone("other", id("a"));
        assertTrue(topology.node(id("a")).isPresent(), "a provider that never reported it cannot remove it");
        topology.nodeGone("batman", id("a"));
        assertTrue(topology.node(id("a")).isEmpty());
        assertTrue(topology.snapshot().links().isEmpty(), "links go with their node");
    }

    @Test
    void linkGoneRespectsOwnership() {
        new Mesh(clock).nodes("a", "b").tq("a", "b", 255).reportTo(topology, "sim");
        new Mesh(clock).tq("a", "b", 250).reportTo(topology, "batman");
        topology.linkGone("sim", LinkId.of("a", "b"));
        assertTrue(topology.snapshot().link(LinkId.of("a", "b")).isPresent());
        topology.linkGone("batman", LinkId.of("a", "b"));
        assertTrue(topology.snapshot().link(LinkId.of("a", "b")).isEmpty());
        assertEquals(List.of("a->b"), events.topology(TopologyEventType.LINK_REMOVED));
    }

    @Test
    void anUnboundProviderTakesItsReportsWithIt() {
        MeshProvider sim = provider("sim");
        topology.addProvider(sim);
        new Mesh(clock).nodes("a", "b").both("a", "b", 255).reportTo(topology, "sim");
        new Mesh(clock).nodes("z").reportTo(topology, "batman");
        topology.removeProvider(sim);
        assertEquals(List.of(id("z")), List.copyOf(topology.snapshot().nodes().keySet()));
    }

    @Test
    void nodeFactsAreMerged() {
        topology.nodeSeen("sim", new NodeObservation(id("a"), List.of("02:00:00:00:00:01"), NodeRole.GATEWAY,
                Map.of("hostname", "alpha"), clock.instant()));
        topology.nodeSeen("sim", new NodeObservation(id("a"), List.of(), NodeRole.GATEWAY,
                Map.of("firmware", "1.2"), clock.instant()));
        Node a = topology.node(id("a")).orElseThrow();
        assertEquals(List.of("02:00:00:00:00:01"), a.addresses());
        assertEquals(NodeRole.GATEWAY, a.role());
        assertEquals("alpha", a.attributes().get("hostname"));
        assertEquals("1.2", a.attributes().get("firmware"));
        assertEquals("sim", a.attributes().get(Node.ATTR_PROVIDER));
    }

    @Test
    void linkUpdatedOnlyWhenTheScoreMovesPastTheThreshold() {
        new Mesh(clock).nodes("a", "b").tq("a", "b", 200).reportTo(topology, "sim");
        events.clear();
        // 200 -> 195 -> 190: each step 0.0196, the drift since the last announcement 0.039
        new Mesh(clock).tq("a", "b", 195).reportTo(topology, "sim");
        new Mesh(clock).tq("a", "b", 190).reportTo(topology, "sim");
        assertTrue(events.topology(TopologyEventType.LINK_UPDATED).isEmpty());
        // 186: 0.0549 away from the announced 200
        new Mesh(clock).tq("a", "b", 186).reportTo(topology, "sim");
        List<TopologyEvent> updated = events.topology().stream()
                .filter(e -> e.type() == TopologyEventType.LINK_UPDATED).toList();
        assertEquals(1, updated.size());
        assertEquals("a->b", updated.get(0).subject());
        assertEquals("quality=0.73 previous=0.78", updated.get(0).details(), "what changed, from what");
        // the next comparison starts from 186
        new Mesh(clock).tq("a", "b", 180).reportTo(topology, "sim");
        assertEquals(1, events.topology(TopologyEventType.LINK_UPDATED).size());
        // metrics are recorded even when no event is posted
        assertEquals(180, topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().metrics().tq());
    }

    @Test
    void aNodeReportedLongAfterItWasSeenStartsDown() {
        topology.nodeSeen("batman", NodeObservation.seen(id("old"), Instant.from(clock.instant()).minusSeconds(60)));
        assertFalse(topology.node(id("old")).orElseThrow().isUp());
        assertTrue(events.health().isEmpty(), "it was never UP, so it did not go DOWN");
    }

    @Test
    void noEventAdminNoProblem() {
        topology.unbindEventAdmin(events);
        new Mesh(clock).nodes("a").reportTo(topology, "sim");
        assertTrue(events.posted.isEmpty());
        assertTrue(topology.node(id("a")).isPresent());
    }

    @Test
    void aProviderIdIsRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> topology.nodeSeen(" ", NodeObservation.seen(id("a"), clock.instant())));
    }

    private static MeshProvider provider(String id) {
        return new MeshProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "test provider " + id;
            }
        };
    }
}
