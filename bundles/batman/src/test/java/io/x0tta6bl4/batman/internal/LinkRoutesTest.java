package io.x0tta6bl4.batman.internal;

import static io.x0tta6bl4.batman.internal.RingTables.A;
import static io.x0tta6bl4.batman.internal.RingTables.C;
import static io.x0tta6bl4.batman.internal.RingTables.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.NodeId;

import org.junit.jupiter.api.Test;

class LinkRoutesTest {

    @Test
    void inTheCapturedLineBsLinkToCIsVbcAndCarriesCWithNoOtherWay() {
        List<Originator> table = BatadvDecoderTest.decode("steady", "B", "GET_ORIGINATORS", BatadvDecoder::originator);
        List<Neighbor> neighbours = BatadvDecoderTest.decode("steady", "B", "GET_NEIGHBORS", BatadvDecoder::neighbor);
        LinkRoutes r = LinkRoutes.of(NodeId.of(C), Set.of(), table, neighbours);
        assertEquals(Map.of(3, "vBC"), r.hardifs());
        assertEquals(Set.of(C), r.affected().keySet());
        assertTrue(r.others().isEmpty(), r.others().toString());
        LinkRoutes.Progress p = r.progress(table);
        assertEquals(List.of(C), p.alone());
        assertFalse(p.steered());
    }

    @Test
    void inTheRingTheRoutesToCAndDBehindItMoveToA() {
        LinkRoutes r = LinkRoutes.of(NodeId.of(C), Set.of(), RingTables.OVER_BC, new RingTables().neighbors());
        assertEquals(Set.of(C, D), r.affected().keySet());
        LinkRoutes.Progress before = r.progress(RingTables.OVER_BC);
        assertEquals(List.of(C, D), before.stuck().stream().sorted().toList());
        assertFalse(before.steered());
        LinkRoutes.Progress after = r.progress(RingTables.ROUND_BY_A);
        assertTrue(after.steered(), after.toString());
        assertEquals(Set.of(C, D), Set.copyOf(after.moved()));
    }

    @Test
    void aSecondNeighbourOnTheInterfaceIsNamed() {
        List<Neighbor> shared = List.of(new Neighbor(A, "vBA", 2, 300, null), new Neighbor(C, "vBC", 3, 300, null),
                new Neighbor("02:00:00:00:09:09", "vBC", 3, 300, null));
        LinkRoutes r = LinkRoutes.of(NodeId.of(C), Set.of(), RingTables.OVER_BC, shared);
        assertEquals(Set.of("02:00:00:00:09:09"), r.others());
    }

    @Test
    void aPeerHeardOnItsSecondaryInterfaceIsFoundThroughTheAddressesTheTopologyKnows() {
        String secondary = "02:00:00:00:03:04";
        List<Originator> table = List.of(new Originator(C, secondary, "vBC", 3, 300, 170, null, true));
        assertTrue(LinkRoutes.of(NodeId.of(C), Set.of(), table, List.of()).hardifs().isEmpty());
        assertEquals(Map.of(3, "vBC"), LinkRoutes.of(NodeId.of(C), Set.of(secondary), table, List.of()).hardifs());
    }
}
