package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;

import org.junit.jupiter.api.Test;

/** A's links A-B (vAB) and A-C, the latter to C's secondary interface (vAC), as the kernel lab has them. */
class CarrierWatchTest {

    private static final NodeId A = NodeId.of("02:00:00:00:01:02");
    private static final NodeId B = NodeId.of("02:00:00:00:02:01");
    private static final NodeId C = NodeId.of("02:00:00:00:03:02");
    /** C's secondary interface, an originator of its own under B.A.T.M.A.N. IV. */
    private static final NodeId C2 = NodeId.of("02:00:00:00:03:01");
    private static final Set<String> BOTH = Set.of("vAB", "vAC");

    private final CarrierWatch watch = new CarrierWatch();

    private static MeshRound round() {
        Instant now = Instant.EPOCH;
        Originator b = new Originator(B.value(), B.value(), "vAB", 2, 100, 255, null, true);
        Originator c2 = new Originator(C2.value(), C2.value(), "vAC", 3, 100, 255, null, true);
        return new MeshRound(A, List.of(), List.of(link(B, now), link(C2, now)), Map.of(B, b, C2, c2), Map.of(),
                Map.of(), Map.of(C2, C));
    }

    private static LinkObservation link(NodeId to, Instant at) {
        return new LinkObservation(new LinkId(A, to), LinkMetrics.ofTq(255), at);
    }

    @Test
    void aLinkToASecondaryInterfaceIsReportedAsTheLinkToItsOwner() {
        assertEquals(List.of(), watch.apply(round(), BOTH, Set.of(), 0));
        assertEquals(List.of(new CarrierWatch.Change(C, "vAC", true)), watch.apply(round(), BOTH, Set.of("vAC"), 1000));
        assertEquals(List.of(), watch.apply(round(), BOTH, Set.of("vAC"), 2000), "once per loss");
        assertEquals(List.of(new CarrierWatch.Change(C, "vAC", false)), watch.apply(round(), BOTH, Set.of(), 3000));
    }

    @Test
    void anInterfaceThatLeavesTheMeshTakesItsLinksWithItNeitherDownNorUp() {
        watch.apply(round(), BOTH, Set.of(), 0);
        watch.apply(round(), BOTH, Set.of("vAC"), 1000);
        assertEquals(List.of(), watch.apply(round(), Set.of("vAB"), Set.of(), 2000));
        assertEquals(List.of(), watch.apply(round(), BOTH, Set.of(), 3000), "back in the mesh with carrier: no LINK_UP");
        assertEquals(List.of(), watch.apply(round(), null, Set.of(), 4000), "interfaces unknown: nothing forgotten");
    }

    @Test
    void aLinkNotHeardOverTheInterfaceForAMinuteIsNotReportedDown() {
        watch.apply(round(), BOTH, Set.of(), 0);
        MeshRound onlyB = new MeshRound(A, List.of(), List.of(link(B, Instant.EPOCH)), round().best(), Map.of(),
                Map.of(), Map.of());
        watch.apply(onlyB, BOTH, Set.of(), 30_000);
        assertEquals(List.of(new CarrierWatch.Change(B, "vAB", true)),
                watch.apply(onlyB, BOTH, Set.of("vAB", "vAC"), CarrierWatch.MEMORY_MS + 1));
    }
}
