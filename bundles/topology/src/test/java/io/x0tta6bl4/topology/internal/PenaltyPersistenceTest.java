package io.x0tta6bl4.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.support.testing.MutableClock;
import io.x0tta6bl4.support.testing.Waits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Penalties outlive the component: a bundle update or a restart must not lift them. */
class PenaltyPersistenceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Mesh.t0());
    private final List<TopologyManager> running = new ArrayList<>();

    private TopologyManager start() {
        TopologyManager t = new TopologyManager(clock);
        t.persistPenaltiesIn(dir.resolve(PenaltyStore.FILE));
        t.activate(Map.of("sweep.interval.ms", 5000L));
        running.add(t);
        new Mesh(clock).nodes("a", "b", "c").both("a", "b", 255).both("b", "c", 255).reportTo(t, "sim");
        return t;
    }

    private void stop(TopologyManager t) {
        t.deactivate();
        running.remove(t);
    }

    @AfterEach
    void stopAll() {
        List.copyOf(running).forEach(this::stop);
    }

    @Test
    void aPenaltyInForceIsBackAfterTheComponentRestartsAndCostsTheSame() {
        TopologyManager first = start();
        first.penalize(LinkId.of("b", "a"), 3, Duration.ofMinutes(10), "incident 7");
        stop(first);

        TopologyManager second = start();
        Waits.until("the penalty restored", WAIT, () -> second.penalties().size() == 1);
        LinkPenalty p = second.penalties().get(0);
        assertEquals(LinkId.of("a", "b"), p.link());
        assertEquals(3, p.factor());
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)), p.until());
        assertEquals("incident 7", p.reason());
        assertEquals(3, second.snapshot().link(LinkId.of("b", "a")).orElseThrow().quality().cost(), 1e-9);
    }

    /**
     * A stop right after a start, before the queued restore ran, once lost the penalty set in
     * between (the save waited for the restore, which the stop dropped). Each round here is such
     * a start, penalty and stop; the last penalty set must be the one restored.
     */
    @Test
    void aPenaltySetRightAfterAStartSurvivesAnImmediateStop() {
        int rounds = 30;
        for (int i = 0; i < rounds; i++) {
            TopologyManager t = start();
            t.penalize(LinkId.of("a", "b"), 2 + i, Duration.ofMinutes(10), "round " + i);
            stop(t);
        }
        TopologyManager last = start();
        Waits.until("the penalty restored", WAIT, () -> last.penalties().size() == 1);
        assertEquals(2 + rounds - 1, last.penalties().get(0).factor());
        assertEquals("round " + (rounds - 1), last.penalties().get(0).reason());
    }

    @Test
    void anInfinitePenaltyKeepsTheLinkOutOfRoutingAfterARestart() {
        TopologyManager first = start();
        first.penalize(LinkId.of("a", "b"), Double.POSITIVE_INFINITY, Duration.ofHours(1), "quarantine");
        stop(first);
        TopologyManager second = start();
        Waits.until("the penalty restored", WAIT, () -> second.penalties().size() == 1);
        assertTrue(second.penalties().get(0).excludes());
        assertTrue(second.path(Mesh.id("a"), Mesh.id("c")).isEmpty(), "a reaches c only over a-b");
    }

    @Test
    void liftedAndLapsedPenaltiesStayGone() throws Exception {
        TopologyManager first = start();
        first.penalize(LinkId.of("a", "b"), 2, Duration.ofMinutes(1), "short");
        first.penalize(LinkId.of("b", "c"), 2, Duration.ofMinutes(10), "lifted");
        assertTrue(first.clearPenalty(LinkId.of("c", "b")));
        stop(first);

        clock.advance(Duration.ofMinutes(2));
        TopologyManager second = start();
        // the restore runs before anything else on the batcher: once a later penalty is saved, it has run
        second.penalize(LinkId.of("a", "c"), 5, Duration.ofMinutes(1), "marker");
        Waits.until("the marker saved", WAIT, () -> read().contains("a->c"));
        assertEquals(List.of(LinkId.of("a", "c")), second.penalties().stream().map(LinkPenalty::link).toList());
        assertTrue(!read().contains("a->b") && !read().contains("b->c"), read());
    }

    @Test
    void aPenaltyThatLapsesWhileRunningLeavesTheFile() {
        TopologyManager t = start();
        t.penalize(LinkId.of("a", "b"), 2, Duration.ofSeconds(30), "short");
        Waits.until("saved", WAIT, () -> read().contains("a->b"));
        clock.advance(Duration.ofMinutes(1));
        t.sweep();
        Waits.until("the lapsed penalty removed from the file", WAIT, () -> !read().contains("a->b"));
    }

    @Test
    void aBadEntryIsSkippedWithOneWarningAndTheOthersLoad() throws Exception {
        Path file = dir.resolve(PenaltyStore.FILE);
        long until = clock.instant().plusSeconds(600).toEpochMilli();
        Files.writeString(file, "a->b = 2.0 " + until + " kept\n"
                + "a->a = 2.0 " + until + " loops\n"
                + "b->c = 0.5 " + until + " factor below one\n"
                + "c->d = lots\n");
        List<String> warnings = new ArrayList<>();
        List<LinkPenalty> loaded = new PenaltyStore(file, warnings::add).load(clock.instant());
        assertEquals(List.of(LinkId.of("a", "b")), loaded.stream().map(LinkPenalty::link).toList());
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'b->c = 0.5") && w.contains("must be >= 1")),
                warnings.toString());
    }

    @Test
    void aRestoredPenaltyNeverReplacesANewerOne() {
        TopologyModel model = new TopologyModel(clock, new LinkQualityScorer());
        model.penalize(LinkId.of("a", "b"), 4, Duration.ofMinutes(1), "newer");
        model.restorePenalties(List.of(new LinkPenalty(LinkId.of("b", "a"), 2, Instant.MAX, "older")));
        assertEquals("newer", model.penalties().get(0).reason());
        assertEquals(1, model.penalties().size());
    }

    private String read() {
        try {
            Path file = dir.resolve(PenaltyStore.FILE);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
