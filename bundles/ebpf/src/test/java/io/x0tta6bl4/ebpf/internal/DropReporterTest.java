package io.x0tta6bl4.ebpf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;

import org.junit.jupiter.api.Test;

class DropReporterTest {

    static final String A = "02:00:00:00:00:0a";
    static final String C = "02:00:00:00:00:0c";

    private final DropReporter reporter = new DropReporter();

    private static Map<String, PeerCounters> drops(long a, long c) {
        return Map.of(A, new PeerCounters(A, 100, 6400, a), C, new PeerCounters(C, 100, 6400, c));
    }

    @Test
    void quarantinedAndUnattestedDropsAreReportedAtABoundedRate() {
        List<HealthEvent> e = reporter.observe(drops(3, 5), Map.of(A, "flapping"), Set.of(), true, 1000, 10_000, 60);
        assertEquals(2, e.size());
        HealthEvent qa = e.stream().filter(x -> x.subject().equals(A)).findFirst().orElseThrow();
        assertEquals(MeshGuard.PEER_QUARANTINED, qa.kind());
        assertEquals("ebpf", qa.area());
        assertEquals(3.0, qa.value());
        assertTrue(qa.details().contains("flapping"));
        assertEquals(HealthKinds.PEER_UNATTESTED,
                e.stream().filter(x -> x.subject().equals(C)).findFirst().orElseThrow().kind());
        // more drops within the per-peer interval: nothing
        assertEquals(List.of(), reporter.observe(drops(9, 9), Map.of(A, ""), Set.of(), true, 5000, 10_000, 60));
        // after it: again
        assertEquals(2, reporter.observe(drops(12, 12), Map.of(A, ""), Set.of(), true, 12_000, 10_000, 60).size());
        // no growth: nothing
        assertEquals(List.of(), reporter.observe(drops(12, 12), Map.of(A, ""), Set.of(), true, 30_000, 10_000, 60));
    }

    @Test
    void theGlobalCapHolds() {
        assertEquals(1, reporter.observe(drops(1, 1), Map.of(A, "", C, ""), Set.of(), false, 0, 0, 1).size());
        assertEquals(List.of(), reporter.observe(drops(2, 2), Map.of(A, "", C, ""), Set.of(), false, 30_000, 0, 1));
        assertEquals(1, reporter.observe(drops(3, 3), Map.of(A, "", C, ""), Set.of(), false, 61_000, 0, 1).size());
    }

    @Test
    void dropsOfAllowedOrReleasedPeersAreNotBlamed() {
        assertEquals(List.of(), reporter.observe(drops(4, 4), Map.of(), Set.of(A, C), true, 0, 0, 60));
        assertEquals(List.of(), reporter.observe(drops(8, 8), Map.of(), Set.of(), false, 0, 0, 60));
    }
}
