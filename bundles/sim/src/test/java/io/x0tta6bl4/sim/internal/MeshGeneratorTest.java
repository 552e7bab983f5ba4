package io.x0tta6bl4.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MeshGeneratorTest {

    @ParameterizedTest
    @CsvSource({"2,1", "3,2", "30,29", "2000,1999"})
    void lineHasSizeMinusOneLinksAndIsConnected(int size, int links) {
        SimMesh mesh = MeshGenerator.generate(MeshShape.LINE, size, 1);
        assertEquals(size, mesh.size());
        assertEquals(links, mesh.edges().size());
        assertTrue(mesh.isConnected());
        assertTrue(mesh.edge(NodeId.of(idOf(0, size)), NodeId.of(idOf(1, size))).isPresent());
    }

    @ParameterizedTest
    @CsvSource({"2,1", "3,3", "30,30", "2000,2000"})
    void ringClosesTheLine(int size, int links) {
        SimMesh mesh = MeshGenerator.generate(MeshShape.RING, size, 1);
        assertEquals(size, mesh.size());
        assertEquals(links, mesh.edges().size());
        assertTrue(mesh.isConnected());
        assertTrue(mesh.edge(NodeId.of(idOf(size - 1, size)), NodeId.of(idOf(0, size))).isPresent());
    }

    @ParameterizedTest
    // 30 = 6 columns x 5 rows: 5*5 horizontal + 6*4 vertical; 10 = 4+4+2: 3+3+1 horizontal, 6 vertical.
    @CsvSource({"2,1", "4,4", "10,13", "30,49", "36,60"})
    void gridIsNearSquare(int size, int links) {
        SimMesh mesh = MeshGenerator.generate(MeshShape.GRID, size, 1);
        assertEquals(size, mesh.size());
        assertEquals(links, mesh.edges().size());
        assertTrue(mesh.isConnected());
        for (SimNode node : mesh.nodes()) {
            long degree = mesh.edges().stream().filter(e -> e.a() == node.index() || e.b() == node.index()).count();
            assertTrue(degree >= 1 && degree <= 4, node.id() + " has degree " + degree);
        }
    }

    @Test
    void randomIsConnectedForEverySeedAndSize() {
        for (int size : new int[] {2, 3, 4, 5, 8, 13, 30, 100}) {
            for (long seed = 0; seed < 40; seed++) {
                SimMesh mesh = MeshGenerator.generate(MeshShape.RANDOM, size, seed);
                assertEquals(size, mesh.size());
                assertTrue(mesh.edges().size() >= size - 1);
                assertTrue(mesh.isConnected(), "size " + size + " seed " + seed);
            }
        }
    }

    @Test
    void randomJoinsIslandsByTheirClosestPair() {
        // Few nodes in the unit square almost always leave islands, so some links must
        // have been added beyond the radio range; and no link is longer than needed.
        boolean bridged = false;
        for (long seed = 0; seed < 50; seed++) {
            SimMesh mesh = MeshGenerator.generate(MeshShape.RANDOM, 4, seed);
            for (SimEdge edge : mesh.edges()) {
                bridged |= edge.span() > 1;
            }
        }
        assertTrue(bridged);
    }

    @Test
    void randomLinksWithinRangeAreAllPresent() {
        SimMesh mesh = MeshGenerator.generate(MeshShape.RANDOM, 200, 42);
        double radius = MeshGenerator.radius(200);
        for (SimNode a : mesh.nodes()) {
            for (SimNode b : mesh.nodes()) {
                if (a.index() < b.index()) {
                    boolean inRange = a.distanceTo(b) <= radius;
                    boolean linked = mesh.edge(a.id(), b.id()).isPresent();
                    assertTrue(!inRange || linked, a.id() + " and " + b.id() + " are in range but not linked");
                }
            }
        }
    }

    @Test
    void largestRandomMeshIsConnected() {
        SimMesh mesh = MeshGenerator.generate(MeshShape.RANDOM, 2000, 42);
        assertTrue(mesh.isConnected());
    }

    @Test
    void aLargeRandomMeshHasAboutSixNeighboursAndIsConnected() {
        SimMesh mesh = MeshGenerator.generate(MeshShape.RANDOM, 10_000, 42);
        assertEquals(10_000, mesh.size());
        assertTrue(mesh.isConnected());
        double degree = 2.0 * mesh.edges().size() / mesh.size();
        assertTrue(degree > 5.2 && degree < 6.8, "average degree " + degree);
        assertEquals("sim-00001", mesh.nodes().get(0).id().value());
        assertEquals("sim-10000", mesh.nodes().get(9999).id().value());
        // a relay joining two islands may be longer than the range, never absurdly so
        assertTrue(mesh.edges().stream().allMatch(e -> e.span() > 0 && e.span() < 10), "spans");
    }

    @Test
    void aLargeRandomMeshIsReproducible() {
        SimMesh one = MeshGenerator.generate(MeshShape.RANDOM, 3000, 5);
        SimMesh two = MeshGenerator.generate(MeshShape.RANDOM, 3000, 5);
        assertEquals(one.edges(), two.edges());
        assertNotEquals(pairs(one), pairs(MeshGenerator.generate(MeshShape.RANDOM, 3000, 6)));
    }

    @ParameterizedTest
    @EnumSource(MeshShape.class)
    void sameSeedGivesSameMesh(MeshShape shape) {
        SimMesh one = MeshGenerator.generate(shape, 50, 7);
        SimMesh two = MeshGenerator.generate(shape, 50, 7);
        assertEquals(one.nodes(), two.nodes());
        assertEquals(one.edges(), two.edges());
    }

    @ParameterizedTest
    @EnumSource(MeshShape.class)
    void otherSeedGivesOtherMetrics(MeshShape shape) {
        assertNotEquals(MeshGenerator.generate(shape, 50, 7).edges(), MeshGenerator.generate(shape, 50, 8).edges());
    }

    @Test
    void otherSeedGivesOtherRandomLayout() {
        assertNotEquals(pairs(MeshGenerator.generate(MeshShape.RANDOM, 50, 7)),
                pairs(MeshGenerator.generate(MeshShape.RANDOM, 50, 8)));
    }

    @Test
    void nodesAreNamedPaddedWithFirstAsSelf() {
        SimMesh mesh = MeshGenerator.generate(MeshShape.LINE, 30, 1);
        assertEquals("sim-01", mesh.nodes().get(0).id().value());
        assertEquals("sim-30", mesh.nodes().get(29).id().value());
        assertEquals(NodeRole.SELF, mesh.nodes().get(0).role());
        assertEquals(List.of("sim-10", "sim-20", "sim-30"), mesh.nodes().stream()
                .filter(n -> n.role() == NodeRole.GATEWAY).map(n -> n.id().value()).toList());
        assertEquals(26, mesh.nodes().stream().filter(n -> n.role() == NodeRole.PEER).count());
        assertEquals("sim-0001", MeshGenerator.generate(MeshShape.LINE, 1000, 1).nodes().get(0).id().value());
        assertEquals("sim-05", MeshGenerator.generate(MeshShape.LINE, 5, 1).nodes().get(4).id().value());
    }

    @Test
    void nodesHaveDistinctLocallyAdministeredMacs() {
        SimMesh mesh = MeshGenerator.generate(MeshShape.GRID, 2000, 1);
        Set<String> macs = new HashSet<>();
        for (SimNode node : mesh.nodes()) {
            String mac = node.mac();
            assertTrue(mac.matches("02(:[0-9a-f]{2}){5}"), mac);
            assertTrue(macs.add(mac), "duplicate " + mac);
            assertEquals(List.of(mac), node.addresses());
            assertEquals(node.id().value().replace("sim-", "node-"), node.attributes().get("hostname"));
        }
    }

    @Test
    void directionsOfALinkDiffer() {
        SimMesh mesh = MeshGenerator.generate(MeshShape.RING, 30, 3);
        long asymmetric = mesh.edges().stream().filter(e -> !e.forward().equals(e.backward())).count();
        assertTrue(asymmetric > 25, "only " + asymmetric + " of 30 links are asymmetric");
    }

    @Test
    void sizeOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MeshGenerator.generate(MeshShape.LINE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MeshGenerator.generate(MeshShape.LINE, 10_001, 1));
    }

    private static Set<Long> pairs(SimMesh mesh) {
        Set<Long> pairs = new HashSet<>();
        mesh.edges().forEach(e -> pairs.add(e.key()));
        return pairs;
    }

    private static String idOf(int index, int size) {
        return SimNode.idFor(index, size).value();
    }
}
