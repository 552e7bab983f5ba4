package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Damping, backoff and budget against explicit times. */
class PrimitivesTest {

    @Test
    void dampingSuppressesTheThirdQuickFailureAndReleasesBelowReuse() {
        FlapDamper d = new FlapDamper(1000, 2000, 750, 60_000);
        long t = 1_000_000;
        assertFalse(d.fail("x", t));
        assertFalse(d.fail("x", t + 1000), "1000 + ~988 stays below 2000");
        assertTrue(d.fail("x", t + 2000));
        assertTrue(d.isDamped("x", t + 60_000), "one half-life later ~1480 is still above reuse");
        assertTrue(d.isDamped("x", t + 2000 + 60_000 * 1));
        assertFalse(d.isDamped("x", t + 2000 + 60_000 * 2), "two half-lives: ~740 < 750 reuse");
        assertFalse(d.fail("y", t), "other subjects are independent");
    }

    @Test
    void dampingPenaltyDecaysWithTheHalfLife() {
        FlapDamper d = new FlapDamper(1000, 2000, 750, 10_000);
        d.fail("x", 0);
        assertEquals(500, d.penalty("x", 10_000), 1e-6);
        assertEquals(250, d.penalty("x", 20_000), 1e-6);
    }

    @Test
    void dampingSlowFailuresNeverSuppress() {
        FlapDamper d = new FlapDamper(1000, 2000, 750, 10_000);
        for (int i = 0; i < 20; i++) {
            assertFalse(d.fail("x", i * 30_000L));
        }
    }

    @Test
    void dampingPenaltyIsCappedSoSuppressionEnds() {
        FlapDamper d = new FlapDamper(1000, 2000, 750, 1000);
        for (int i = 0; i < 100; i++) {
            d.fail("x", i);
        }
        assertTrue(d.penalty("x", 100) <= 750 * 16);
        assertFalse(d.isDamped("x", 100 + 4100), "four half-lives bring the cap below reuse");
    }

    @Test
    void backoffDoublesPerFailureUpToTheMaximumAndResetsOnSuccess() {
        Backoff b = new Backoff(1000, 5000);
        assertTrue(b.ready("n", 0));
        assertEquals(1000, b.failed("n", 0));
        assertFalse(b.ready("n", 999));
        assertTrue(b.ready("n", 1000));
        assertEquals(2000, b.failed("n", 1000));
        assertEquals(4000, b.failed("n", 3000));
        assertEquals(5000, b.failed("n", 7000), "capped");
        assertEquals(5000, b.failed("n", 12_000));
        assertTrue(b.ready("other", 0), "per target");
        b.succeeded("n");
        assertTrue(b.ready("n", 12_001));
        assertEquals(1000, b.failed("n", 20_000));
    }

    @Test
    void backoffDelayDoesNotOverflow() {
        Backoff b = new Backoff(1000, 300_000);
        assertEquals(300_000, b.delay(200));
    }

    @Test
    void budgetRunsOutAndRefillsAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(3, 60, 0); // one token per second
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertEquals(1000, bucket.waitMs(0));
        assertFalse(bucket.tryTake(999));
        assertTrue(bucket.tryTake(1000));
        assertFalse(bucket.tryTake(1000));
        assertEquals(3, bucket.available(60_000), 1e-9, "never above capacity");
    }

    @Test
    void budgetReconfiguredSmallerKeepsNoMoreThanTheNewCapacity() {
        TokenBucket bucket = new TokenBucket(10, 60, 0);
        bucket.configure(2, 60, 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
    }

    @Test
    void meshMemoryFindsWhatIsBehindAnArticulationPointAndABridge() {
        MeshMemory m = new MeshMemory();
        m.update(Meshes.tree());
        assertEquals(Set.of("n4", "n5", "n6"), m.behind("n3"));
        assertEquals(Set.of("n6"), m.behind("n5->n6"));
        assertEquals(Set.of("n6"), m.behind("n5"));
        assertEquals(Set.of(), m.behind("n1"), "the triangle has no articulation point at n1");
        assertEquals(Set.of(), m.behind("n1->n2"), "not a bridge");
        assertEquals(Set.of(), m.behind("unknown"));
    }

    @Test
    void meshMemoryKeepsTheLinksOfANodeThatWentDown() {
        MeshMemory m = new MeshMemory();
        m.update(Meshes.tree());
        // n3 goes down: the topology drops its links, the memory keeps them
        var later = Meshes.of(2, 8, "n1-n2", "n1-n7", "n2-n7", "n7-n8", "n1-n8", "n4-n5", "n5-n6");
        var nodes = new java.util.TreeMap<>(later.nodes());
        var n3 = io.x0tta6bl4.api.topology.NodeId.of("n3");
        nodes.put(n3, nodes.get(n3).withState(io.x0tta6bl4.api.topology.NodeState.DOWN));
        m.update(new io.x0tta6bl4.api.topology.TopologySnapshot(2, later.time(), nodes, new java.util.TreeMap<>(later.links())));
        assertEquals(Set.of("n4", "n5", "n6"), m.behind("n3"));
    }
}
