package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token buckets, on a clock the test moves. */
class EventThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final EventThrottle t = new EventThrottle(10, 30, 2, 2, now::get);

    @Test
    void aFloodFromManySubjectsIsCutToTheKindsBurstThenItsRate() {
        int passed = 0;
        for (int i = 0; i < 5000; i++) {
            passed += t.allow("PEER_ATTESTATION_FAILED", "10.0.0." + i) ? 1 : 0;
        }
        assertEquals(10, passed);
        assertEquals(Map.of("PEER_ATTESTATION_FAILED", 4990L), t.drainSuppressed());
        assertTrue(t.drainSuppressed().isEmpty(), "drained");
        now.addAndGet(60_000);   // 30 a minute
        passed = 0;
        for (int i = 0; i < 5000; i++) {
            passed += t.allow("PEER_ATTESTATION_FAILED", "10.1.0." + i) ? 1 : 0;
        }
        assertEquals(10, passed, "refilled to the burst, not beyond");
    }

    @Test
    void oneSubjectCannotSpendItsKindsBudget() {
        assertTrue(t.allow("PEER_UNATTESTED", "b"));
        assertTrue(t.allow("PEER_UNATTESTED", "b"));
        for (int i = 0; i < 100; i++) {
            assertFalse(t.allow("PEER_UNATTESTED", "b"));
        }
        for (int i = 0; i < 8; i++) {
            assertTrue(t.allow("PEER_UNATTESTED", "n" + i), "other subjects still get through");
        }
        assertTrue(t.allow("PEER_ATTESTATION_FAILED", "b"), "kinds have their own buckets");
        now.addAndGet(30_000);   // 2 a minute per subject
        assertTrue(t.allow("PEER_UNATTESTED", "b"));
        assertFalse(t.allow("PEER_UNATTESTED", "b"));
    }
}
