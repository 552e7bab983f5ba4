package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.support.testing.MutableClock;
import io.x0tta6bl4.support.testing.RecordingEventAdmin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LivenessTest {

    private final MutableClock clock = new MutableClock(Mesh.t0());
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final TopologyManager topology = new TopologyManager(clock);

    @BeforeEach
    void mesh() {
        topology.bindEventAdmin(events);
        // sweeps on the real thread see the same clock and do the same thing; tests sweep by hand
        topology.activate(Map.of("node.timeout.ms", 5000L, "node.retention.ms", 60_000L,
                "sweep.interval.ms", 5000L));
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 255).both("b", "c", 255).reportTo(topology, "sim");
        // the component batches provider calls: close the batch so its events are out before clearing
        topology.flush();
        events.clear();
    }

    @AfterEach
    void stop() {
        topology.deactivate();
    }

    private void seeAllBut(String silent) {
        for (String n : List.of("a", "b", "c")) {
            if (!n.equals(silent)) {
                topology.nodeSeen("sim", NodeObservation.seen(id(n), clock.instant()));
            }
        }
    }

    @Test
    void aNodeIsUpUntilTheTimeoutHasPassed() {
        clock.advanceMillis(5000);
        topology.sweep();
        assertEquals(NodeState.UP, topology.node(id("c")).orElseThrow().state());
        assertTrue(events.posted.isEmpty());
    }

    @Test
    void aSilentNodeGoesDownWithItsLinksAndNodeDownIsPosted() {
        clock.advanceMillis(3000);
        seeAllBut("c");
        clock.advanceMillis(2001);
        events.clear();
        topology.sweep();

        assertEquals(NodeState.DOWN, topology.node(id("c")).orElseThrow().state());
        assertEquals(NodeState.UP, topology.node(id("b")).orElseThrow().state());
        assertTrue(topology.links(id("c")).isEmpty());
        assertEquals(2, topology.snapshot().links().size());

        TopologyEvent updated = only(events.topology(), TopologyEventType.NODE_UPDATED);
        assertEquals("c", updated.subject());
        assertEquals("state=DOWN", updated.details());
        assertEquals("topology", updated.source());
        assertEquals(topology.snapshot().version(), updated.version());
        assertEquals(List.of("b->c", "c->b"), events.topology(TopologyEventType.LINK_REMOVED));

        assertEquals(1, events.health().size());
        HealthEvent down = events.health().get(0);
        assertEquals("topology", down.area());
        assertEquals(HealthKinds.NODE_DOWN, down.kind());
        assertEquals("c", down.subject());
        assertEquals(Severity.WARNING, down.severity());
        assertEquals("topology", down.source());
        assertEquals(5.001, down.value(), 1e-9);
        assertEquals(5.0, down.threshold(), 1e-9);
        assertEquals(clock.millis(), down.timestamp());
        assertEquals("x0tta6bl4/health/topology/NODE_DOWN", events.posted.stream()
                .filter(e -> e.getTopic().contains("health")).findFirst().orElseThrow().getTopic());
        assertTrue(events.sent.isEmpty(), "events are posted asynchronously, never sent");

        // a second sweep changes nothing and posts nothing
        events.clear();
        topology.sweep();
        assertTrue(events.posted.isEmpty());
    }

    @Test
    void aNodeItsProviderReportsLostGoesDownAtOnceWithTheReason() {
        clock.advanceMillis(200);
        topology.nodeLost("sim", id("c"), "fault injected");
        topology.flush();

        assertEquals(NodeState.DOWN, topology.node(id("c")).orElseThrow().state());
        assertTrue(topology.links(id("c")).isEmpty());
        assertEquals(1, events.health().size(), "one NODE_DOWN: " + events.health());
        HealthEvent down = events.health().get(0);
        assertEquals(HealthKinds.NODE_DOWN, down.kind());
        assertEquals("c", down.subject());
        assertEquals("lost (sim): fault injected", down.details());

        events.clear();
        topology.nodeLost("sim", id("c"), "again");
        topology.nodeLost("other", id("b"), "a provider that never reported b");
        topology.flush();
        assertTrue(events.posted.isEmpty(), "a DOWN node, or another provider's node, is left as it is");
        assertTrue(topology.node(id("b")).orElseThrow().isUp());

        clock.advanceMillis(1000);
        topology.nodeSeen("sim", NodeObservation.seen(id("c"), clock.instant()));
        assertTrue(topology.node(id("c")).orElseThrow().isUp(), "seeing it again revives it");
    }

    @Test
    void aDownNodeSeenAgainComesBackWithItsLinks() {
        clock.advanceMillis(6000);
        seeAllBut("c");
        topology.sweep();
        assertFalse(topology.node(id("c")).orElseThrow().isUp());
        events.clear();

        clock.advanceMillis(1000);
        topology.nodeSeen("sim", NodeObservation.seen(id("c"), clock.instant()));

        assertTrue(topology.node(id("c")).orElseThrow().isUp());
        assertEquals(2, topology.links(id("c")).size(), "its links are back in the graph");
        assertEquals("state=UP", only(events.topology(), TopologyEventType.NODE_UPDATED).details());
        assertEquals(List.of("b->c", "c->b"), events.topology(TopologyEventType.LINK_ADDED));
        HealthEvent up = events.health().get(0);
        assertEquals(HealthKinds.NODE_UP, up.kind());
        assertEquals(Severity.INFO, up.severity());
        assertEquals("c", up.subject());
        assertEquals(7.0, up.value(), 1e-9);
        assertNull(up.threshold());
    }

    @Test
    void aStaleObservationDoesNotReviveADownNode() {
        clock.advanceMillis(6000);
        seeAllBut("c");
        topology.sweep();
        topology.nodeSeen("sim", NodeObservation.seen(id("c"), clock.instant().minusSeconds(30)));
        assertFalse(topology.node(id("c")).orElseThrow().isUp());
    }

    @Test
    void aNodeDownLongerThanTheRetentionIsRemoved() {
        clock.advanceMillis(6000);
        seeAllBut("c");
        topology.sweep();
        for (int i = 0; i < 60; i++) {
            clock.advanceMillis(1000);
            seeAllBut("c");
            topology.sweep();
        }
        assertTrue(topology.node(id("c")).isPresent(), "DOWN for exactly the retention: kept");
        events.clear();
        clock.advanceMillis(1);
        seeAllBut("c");
        topology.sweep();

        assertTrue(topology.node(id("c")).isEmpty());
        assertEquals(List.of("c"), events.topology(TopologyEventType.NODE_REMOVED));
        assertTrue(events.health().isEmpty());
        assertFalse(topology.snapshot().nodes().containsKey(id("c")));
        // the links of a removed node are gone from the model, not just hidden
        assertFalse(topology.snapshot().linksOf(id("b")).stream().anyMatch(l -> l.to().equals(id("c"))));
        new Mesh(clock).nodes("c").reportTo(topology, "sim");
        assertTrue(topology.links(id("c")).isEmpty(), "a node that comes back starts without links");
    }

    @Test
    void sweeperThreadIsNamedAndStopsWithTheComponent() throws InterruptedException {
        TopologyManager other = new TopologyManager(clock);
        List<Thread> before = sweepers();
        other.activate(Map.of());
        List<Thread> started = sweepers().stream().filter(t -> !before.contains(t)).toList();
        assertEquals(1, started.size(), "one sweeper thread per component");
        other.deactivate();
        Thread sweeper = started.get(0);
        // deactivate awaited the executor; join only covers the thread's last instructions
        sweeper.join(5000);
        assertFalse(sweeper.isAlive());
    }

    private static List<Thread> sweepers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(NodeSweeper.THREAD_NAME)).toList();
    }

    private static TopologyEvent only(List<TopologyEvent> events, TopologyEventType type) {
        List<TopologyEvent> matching = events.stream().filter(e -> e.type() == type).toList();
        assertEquals(1, matching.size(), "expected one " + type + " in " + events);
        assertNotNull(matching.get(0));
        return matching.get(0);
    }
}
