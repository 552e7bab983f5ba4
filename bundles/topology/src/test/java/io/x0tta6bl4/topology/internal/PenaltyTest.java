package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.testing.MutableClock;
import io.x0tta6bl4.support.testing.RecordingEventAdmin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PenaltyTest {

    private final MutableClock clock = new MutableClock(Mesh.t0());
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final TopologyManager topology = new TopologyManager(clock);

    /** A square a-b-c-d-a with perfect links: a to c goes by b or by d, both cost 2. */
    @BeforeEach
    void square() {
        topology.bindEventAdmin(events);
        new Mesh(clock).nodes("a", "b", "c", "d").both("a", "b", 255).both("b", "c", 255).both("c", "d", 255)
                .both("d", "a", 255).reportTo(topology, "sim");
        events.clear();
    }

    @Test
    void aPenaltyMultipliesTheCostOfBothDirectionsAndPathsAvoidIt() {
        topology.penalize(LinkId.of("b", "a"), 3, Duration.ofMinutes(1), "incident 7");
        assertEquals(3, topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().quality().cost(), 1e-9);
        assertEquals(3, topology.snapshot().link(LinkId.of("b", "a")).orElseThrow().quality().cost(), 1e-9);
        assertEquals(List.of(id("a"), id("d"), id("c")), hops("a", "c"));
        assertEquals(List.of(id("c"), id("d"), id("a")), hops("c", "a"));
        List<LinkPenalty> in = topology.penalties();
        assertEquals(1, in.size());
        assertEquals(LinkId.of("a", "b"), in.get(0).link());
        assertEquals(clock.instant().plusSeconds(60), in.get(0).until());
        assertEquals("incident 7", in.get(0).reason());
        assertEquals(List.of("a->b", "b->a"), events.topology(TopologyEventType.LINK_UPDATED));
        assertTrue(events.topology().stream().allMatch(e -> e.details().contains("penalty=3.0")),
                events.topology().toString());
    }

    @Test
    void anInfinitePenaltyTakesTheLinkOutOfRoutingAndOfTheCriticalAnalysis() {
        topology.penalize(LinkId.of("a", "b"), Double.POSITIVE_INFINITY, Duration.ofMinutes(1), "quarantine");
        assertFalse(topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().quality().isUsable());
        assertEquals(List.of(id("a"), id("d"), id("c"), id("b")), hops("a", "b"));
        assertEquals(3, topology.critical().bridges().size(), "the square became a line");
    }

    @Test
    void aNewPenaltyReplacesTheOldAndClearingLiftsIt() {
        topology.penalize(LinkId.of("a", "b"), 5, Duration.ofMinutes(1), "first");
        topology.penalize(LinkId.of("a", "b"), 2, Duration.ofMinutes(1), "second");
        assertEquals(2, topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().quality().cost(), 1e-9);
        assertEquals("second", topology.penalties().get(0).reason());
        assertTrue(topology.clearPenalty(LinkId.of("b", "a")));
        assertFalse(topology.clearPenalty(LinkId.of("b", "a")));
        assertEquals(1, topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().quality().cost(), 1e-9);
        assertTrue(topology.penalties().isEmpty());
    }

    @Test
    void aPenaltyLapsesByItself() {
        topology.penalize(LinkId.of("a", "b"), 4, Duration.ofSeconds(2), "brief");
        clock.advanceMillis(1999);
        topology.sweep();
        assertEquals(1, topology.penalties().size());
        clock.advanceMillis(1);
        events.clear();
        topology.sweep();
        assertTrue(topology.penalties().isEmpty());
        assertEquals(1, topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().quality().cost(), 1e-9);
        List<TopologyEvent> updated = events.topology().stream()
                .filter(e -> e.type() == TopologyEventType.LINK_UPDATED).toList();
        assertEquals(2, updated.size());
        assertTrue(updated.get(0).details().contains("penalty=none"));
    }

    @Test
    void aPenaltyOnALinkNotYetKnownAppliesWhenItAppears() {
        topology.penalize(LinkId.of("a", "c"), 2, Duration.ofMinutes(1), "ahead");
        new Mesh(clock).nodes("a", "c").tq("a", "c", 255).reportTo(topology, "sim");
        assertEquals(2, topology.snapshot().link(LinkId.of("a", "c")).orElseThrow().quality().cost(), 1e-9);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> topology.penalize(LinkId.of("a", "b"), 0.5, Duration.ofMinutes(1), "x"));
        assertThrows(IllegalArgumentException.class,
                () -> topology.penalize(LinkId.of("a", "b"), Double.NaN, Duration.ofMinutes(1), "x"));
        assertThrows(IllegalArgumentException.class,
                () -> topology.penalize(LinkId.of("a", "b"), 2, Duration.ZERO, "x"));
        assertTrue(topology.penalties().isEmpty());
    }

    private List<NodeId> hops(String from, String to) {
        return topology.path(id(from), id(to)).orElseThrow().hops();
    }
}
