package io.x0tta6bl4.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.support.testing.MutableClock;
import io.x0tta6bl4.support.testing.Waits;
import io.x0tta6bl4.support.testing.RecordingEventAdmin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;

class BatchingTest {

    private final MutableClock clock = new MutableClock(Mesh.t0());
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final TopologyManager topology = new TopologyManager(clock);

    @BeforeEach
    void start() {
        topology.bindEventAdmin(events);
        // a long idle time, so only what the test does closes a batch
        topology.activate(Map.of("batch.idle.ms", 1000L, "batch.max.ms", 10_000L, "batch.max.calls", 50L));
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 200).both("b", "c", 200).reportTo(topology, "sim");
        topology.flush();
        events.clear();
    }

    @AfterEach
    void stop() {
        topology.deactivate();
    }

    @Test
    void aBurstOfCallsIsOneVersionWithOneEventPerChangedLink() {
        long before = topology.snapshot().version();
        events.clear();
        for (int tq = 150; tq >= 100; tq -= 10) {
            measure("a", "b", tq);
            measure("b", "c", tq);
        }
        assertTrue(events.posted.isEmpty(), "nothing is announced while the batch is open");
        // a reader closes the batch: it sees every call that returned
        assertEquals(100, topology.snapshot().link(LinkId.of("a", "b")).orElseThrow().metrics().tq());
        assertEquals(before + 1, topology.snapshot().version());
        List<TopologyEvent> updated = events.topology();
        assertEquals(List.of("a->b", "b->c"), updated.stream().map(TopologyEvent::subject).toList());
        assertTrue(updated.stream().allMatch(e -> e.type() == TopologyEventType.LINK_UPDATED
                && e.details().equals("quality=0.39 previous=0.78")), updated.toString());
    }

    @Test
    void aBatchClosesAfterMaxCalls() {
        long before = topology.snapshot().version();
        for (int i = 0; i < 50; i++) {
            measure("a", "b", 100 + i);
        }
        assertEquals(1, events.topology().size(), "the 50th call closed the batch");
        assertEquals(before + 1, topology.snapshot().version());
    }

    @Test
    void anIdleBatchClosesByItself() throws Exception {
        TopologyManager quick = new TopologyManager(clock);
        RecordingEventAdmin seen = new RecordingEventAdmin();
        quick.bindEventAdmin(seen);
        quick.activate(Map.of("batch.idle.ms", 5L, "batch.max.ms", 20L));
        try {
            new Mesh(clock).nodes("a", "b").both("a", "b", 200).reportTo(quick, "sim");
            Waits.until("two nodes and two links announced without any reader", Duration.ofSeconds(10),
                    () -> seen.topology().size() >= 4, () -> seen.topology().toString());
            assertEquals(4, seen.topology().size(), "two nodes and two links announced without any reader");
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals(TopologyManager.BATCHER_THREAD)));
        } finally {
            quick.deactivate();
        }
    }

    @Test
    void aMetricOnlyVersionSharesTheGraphStructure() {
        CompactGraph first = topology.graph();
        measure("a", "b", 90);
        CompactGraph second = topology.graph();
        assertNotSame(first, second);
        assertSame(first.outStart, second.outStart, "structure shared");
        assertSame(first.target, second.target);
        assertEquals(255 / 90.0, second.cost(second.edgeOf(LinkId.of("a", "b"))), 1e-9);
        assertEquals(255 / 200.0, first.cost(first.edgeOf(LinkId.of("a", "b"))), 1e-9, "old versions stay as they were");
        new Mesh(clock).nodes("d").tq("c", "d", 255).reportTo(topology, "sim");
        assertNotSame(second.outStart, topology.graph().outStart, "a new link rebuilds");
    }

    @Test
    void everyMeasurementIsKeptInTheLinksBoundedHistory() {
        TopologyManager small = new TopologyManager(clock);
        small.activate(Map.of("link.history.size", 3L));
        try {
            new Mesh(clock).nodes("a", "b").tq("a", "b", 100).reportTo(small, "sim");
            for (int tq = 110; tq <= 150; tq += 10) {
                clock.advanceMillis(1000);
                small.linkMeasured("sim", new LinkObservation(LinkId.of("a", "b"), new LinkMetrics(12.5, null, 0.1, tq),
                        clock.instant()));
            }
            List<LinkSample> h = small.history(LinkId.of("a", "b"));
            assertEquals(List.of(130, 140, 150), h.stream().map(s -> s.metrics().tq()).toList(), "the last three");
            assertEquals(clock.instant(), h.get(2).at());
            assertEquals(12.5, h.get(2).metrics().latencyMs(), 1e-6);
            assertEquals(0.1, h.get(2).metrics().loss(), 1e-6);
            assertEquals(List.of(), small.history(LinkId.of("b", "a")));
        } finally {
            small.deactivate();
        }
    }

    private void measure(String from, String to, int tq) {
        topology.linkMeasured("sim", new LinkObservation(LinkId.of(from, to), LinkMetrics.ofTq(tq), clock.instant()));
    }
}
