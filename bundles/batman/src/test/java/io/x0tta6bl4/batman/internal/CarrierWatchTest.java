package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.NodeId;

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

    private static final Originator OVER_AB = new Originator(B.value(), B.value(), "vAB", 2, 100, 255, null, true);
    private static final Originator OVER_AC = new Originator(C2.value(), C2.value(), "vAC", 3, 100, 255, null, true);
    /** C itself, best through B; not a direct neighbour. */
    private static final Originator C_VIA_B = new Originator(C.value(), B.value(), "vAB", 2, 100, 200, null, true);
    private static final List<Originator> TABLE = List.of(OVER_AB, OVER_AC, C_VIA_B);

    private static MeshRound round() {
        return new MeshRound(A, List.of(), List.of(), Map.of(), Map.of(), Map.of(), Map.of(C2, C));
    }

    @Test
    void aLinkToASecondaryInterfaceIsReportedAsTheLinkToItsOwner() {
        assertEquals(List.of(), watch.apply(round(), TABLE, BOTH, Set.of(), 0));
        assertEquals(List.of(new CarrierWatch.Change(C, "vAC", true)),
                watch.apply(round(), TABLE, BOTH, Set.of("vAC"), 1000));
        assertEquals(List.of(), watch.apply(round(), TABLE, BOTH, Set.of("vAC"), 2000), "once per loss");
        assertEquals(List.of(new CarrierWatch.Change(C, "vAC", false)),
                watch.apply(round(), TABLE, BOTH, Set.of(), 3000));
    }

    @Test
    void anInterfaceThatLeavesTheMeshTakesItsLinksWithItNeitherDownNorUp() {
        watch.apply(round(), TABLE, BOTH, Set.of(), 0);
        watch.apply(round(), TABLE, BOTH, Set.of("vAC"), 1000);
        assertEquals(List.of(), watch.apply(round(), TABLE, Set.of("vAB"), Set.of(), 2000));
        assertEquals(List.of(), watch.apply(round(), TABLE, BOTH, Set.of(), 3000),
                "back in the mesh with carrier: no LINK_UP");
        assertEquals(List.of(), watch.apply(round(), TABLE, null, Set.of(), 4000), "interfaces unknown: nothing forgotten");
    }

    @Test
    void aLinkNotHeardOverTheInterfaceForAMinuteIsNotReportedDown() {
        watch.apply(round(), TABLE, BOTH, Set.of(), 0);
        watch.apply(round(), List.of(OVER_AB, C_VIA_B), BOTH, Set.of(), 30_000);
        assertEquals(List.of(new CarrierWatch.Change(B, "vAB", true)), watch.apply(round(), List.of(OVER_AB, C_VIA_B),
                BOTH, Set.of("vAB", "vAC"), CarrierWatch.MEMORY_MS + 1));
    }
}
