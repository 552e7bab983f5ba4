package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.web.internal.DrawingPositions.Point;

import org.junit.jupiter.api.Test;

class DrawingPositionsTest {

    /** A random geometric mesh in the unit square, as radios spread over a town: {@code [x, y]} per node. */
    private static double[][] spots(int n, long seed) {
        Random random = new Random(seed);
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            xy[i] = new double[] {random.nextDouble(), random.nextDouble()};
        }
        return xy;
    }

    private static String id(int i) {
        return String.format("n%04d", i);
    }

    /** Both directions of every pair closer than the range that gives about six neighbours. */
    private static TopologySnapshot mesh(long version, double[][] spots, int from, int to, List<int[]> extra) {
        double range = Math.sqrt(6.0 / (Math.PI * spots.length));
        Map<NodeId, Node> nodes = new TreeMap<>();
        Map<LinkId, Link> links = new TreeMap<>();
        for (int i = from; i < to; i++) {
            nodes.put(NodeId.of(id(i)), new Node(NodeId.of(id(i)), List.of(), NodeRole.PEER, NodeState.UP,
                    MeshviewerFfrgbTest.T, MeshviewerFfrgbTest.T, Map.of()));
            for (int j = from; j < i; j++) {
                if (Math.hypot(spots[i][0] - spots[j][0], spots[i][1] - spots[j][1]) <= range) {
                    both(links, i, j);
                }
            }
        }
        extra.forEach(e -> both(links, e[0], e[1]));
        return new TopologySnapshot(version, MeshviewerFfrgbTest.T, new TreeMap<>(nodes), new TreeMap<>(links));
    }

    private static void both(Map<LinkId, Link> links, int i, int j) {
        links.put(LinkId.of(id(i), id(j)), MeshviewerFfrgbTest.link(id(i), id(j), 200, LinkMedium.WIRELESS));
        links.put(LinkId.of(id(j), id(i)), MeshviewerFfrgbTest.link(id(j), id(i), 200, LinkMedium.WIRELESS));
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    @Test
    void aMeshIsLaidOutTheSameWayEachTimeWithLinksOfAboutSixtyPixelsAndNoNodeOnAnother() {
        double[][] spots = spots(400, 5);
        TopologySnapshot mesh = mesh(1, spots, 0, 400, List.of());
        Map<NodeId, Point> first = new DrawingPositions().place(mesh);
        assertEquals(first, new DrawingPositions().place(mesh), "deterministic: every node, every browser, the same picture");
        assertEquals(400, first.size());

        double sum = 0;
        int links = 0;
        for (LinkId l : mesh.links().keySet()) {
            sum += distance(first.get(l.from()), first.get(l.to()));
            links++;
        }
        double mean = sum / links;
        assertTrue(mean > 45 && mean < 75, "mean link " + mean + " px");

        List<Point> points = new ArrayList<>(first.values());
        int stacked = 0;
        for (int i = 0; i < points.size(); i++) {
            for (int j = i + 1; j < points.size(); j++) {
                if (distance(points.get(i), points.get(j)) < 9) {
                    stacked++;
                }
            }
        }
        // without the spread step about 400 pairs here sit (almost) on each other
        assertTrue(stacked <= 4, stacked + " pairs of nodes less than half a node apart");
    }

    @Test
    void aNodeThatJoinsLandsBesideItsNeighboursAndNobodyElseMoves() {
        double[][] spots = spots(200, 9);
        DrawingPositions positions = new DrawingPositions();
        Map<NodeId, Point> before = positions.place(mesh(1, spots, 0, 199, List.of()));
        TopologySnapshot grown = mesh(2, spots, 0, 200, List.of());
        Map<NodeId, Point> after = positions.place(grown);
        before.forEach((id, p) -> assertEquals(p, after.get(id), id + " stayed where it was"));

        NodeId joined = NodeId.of(id(199));
        List<Point> peers = grown.links().keySet().stream().filter(l -> l.from().equals(joined))
                .map(l -> after.get(l.to())).toList();
        assertFalse(peers.isEmpty());
        double x = peers.stream().mapToInt(Point::x).average().orElseThrow();
        double y = peers.stream().mapToInt(Point::y).average().orElseThrow();
        assertTrue(Math.hypot(after.get(joined).x() - x, after.get(joined).y() - y) < DrawingPositions.LINK_PX,
                "beside its neighbours: " + after.get(joined) + " against their middle " + x + "," + y);

        Map<NodeId, Point> shrunk = positions.place(mesh(3, spots, 0, 150, List.of()));
        assertEquals(150, shrunk.size(), "the gone are forgotten");
        shrunk.forEach((id, p) -> assertEquals(before.get(id), p));
    }

    @Test
    void partsOfAPartitionedMeshAreDrawnApartAndANodeWithoutLinksJoinsItsNeighboursLater() {
        // nodes 0-59 and 60-119: two meshes (grids of 6 by 10) with no link between them
        TopologySnapshot left = grid(0);
        TopologySnapshot right = grid(60);
        Map<LinkId, Link> links = new TreeMap<>(left.links());
        links.putAll(right.links());
        Map<NodeId, Node> nodes = new TreeMap<>(left.nodes());
        nodes.putAll(right.nodes());
        // and one node down, without links
        nodes.put(NodeId.of("n9999"), new Node(NodeId.of("n9999"), List.of(), NodeRole.PEER, NodeState.DOWN,
                MeshviewerFfrgbTest.T, MeshviewerFfrgbTest.T, Map.of()));
        DrawingPositions positions = new DrawingPositions();
        Map<NodeId, Point> placed = positions.place(new TopologySnapshot(1, MeshviewerFfrgbTest.T,
                new TreeMap<>(nodes), new TreeMap<>(links)));
        int[] leftBox = box(placed, left);
        int[] rightBox = box(placed, right);
        assertTrue(leftBox[2] < rightBox[0] || rightBox[2] < leftBox[0] || leftBox[3] < rightBox[1] || rightBox[3] < leftBox[1],
                "the two parts do not overlap: " + java.util.Arrays.toString(leftBox) + " " + java.util.Arrays.toString(rightBox));

        // the down node comes up with a link to node 0: it moves next to node 0
        links.put(LinkId.of("n9999", id(0)), MeshviewerFfrgbTest.link("n9999", id(0), 200, LinkMedium.WIRELESS));
        Map<NodeId, Point> later = positions.place(new TopologySnapshot(2, MeshviewerFfrgbTest.T,
                new TreeMap<>(nodes), new TreeMap<>(links)));
        assertTrue(distance(later.get(NodeId.of("n9999")), later.get(NodeId.of(id(0)))) < DrawingPositions.LINK_PX,
                "beside node 0 at " + later.get(NodeId.of(id(0))) + ": " + later.get(NodeId.of("n9999")));
        assertEquals(placed.get(NodeId.of(id(1))), later.get(NodeId.of(id(1))));
    }

    @Test
    void aNodeThatGoesDownAndComesBackKeepsItsPlace() {
        double[][] spots = spots(100, 8);
        DrawingPositions positions = new DrawingPositions();
        TopologySnapshot up = mesh(1, spots, 0, 100, List.of());
        Map<NodeId, Point> before = positions.place(up);
        NodeId flapping = NodeId.of(id(42));
        Map<LinkId, Link> without = new TreeMap<>(up.links());
        without.keySet().removeIf(l -> l.from().equals(flapping) || l.to().equals(flapping));
        assertEquals(before, positions.place(new TopologySnapshot(2, MeshviewerFfrgbTest.T, new TreeMap<>(up.nodes()),
                new TreeMap<>(without))), "down: its links gone, everyone where they were");
        assertEquals(before, positions.place(new TopologySnapshot(3, MeshviewerFfrgbTest.T, new TreeMap<>(up.nodes()),
                new TreeMap<>(up.links()))), "up again: still where it was, not moved beside its neighbours");
    }

    @Test
    void nodesWithoutLinksThatJoinTogetherGoOnOneRowBelowTheDrawing() {
        double[][] spots = spots(100, 6);
        DrawingPositions positions = new DrawingPositions();
        TopologySnapshot mesh = mesh(1, spots, 0, 100, List.of());
        Map<NodeId, Point> before = positions.place(mesh);
        Map<NodeId, Node> nodes = new TreeMap<>(mesh.nodes());
        for (String down : List.of("x1", "x2", "x3")) {
            nodes.put(NodeId.of(down), new Node(NodeId.of(down), List.of(), NodeRole.PEER, NodeState.DOWN,
                    MeshviewerFfrgbTest.T, MeshviewerFfrgbTest.T, Map.of()));
        }
        Map<NodeId, Point> after = positions.place(new TopologySnapshot(2, MeshviewerFfrgbTest.T, new TreeMap<>(nodes),
                new TreeMap<>(mesh.links())));
        int lowest = before.values().stream().mapToInt(Point::y).max().orElseThrow();
        for (String down : List.of("x1", "x2", "x3")) {
            assertEquals(lowest + (int) DrawingPositions.LINK_PX, after.get(NodeId.of(down)).y(), down + " one link below the drawing");
        }
    }

    @Test
    void aMeshMostlyNewIsLaidOutAgainWhole() {
        double[][] spots = spots(100, 4);
        DrawingPositions positions = new DrawingPositions();
        positions.place(mesh(1, spots, 0, 10, List.of()));
        Map<NodeId, Point> whole = positions.place(mesh(2, spots, 0, 100, List.of()));
        assertEquals(new DrawingPositions().place(mesh(2, spots, 0, 100, List.of())), whole,
                "90 new of 100: the same picture as a node that saw the 100 at once");
    }

    private static TopologySnapshot grid(int from) {
        List<int[]> links = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i % 6 < 5) {
                links.add(new int[] {from + i, from + i + 1});
            }
            if (i < 54) {
                links.add(new int[] {from + i, from + i + 6});
            }
        }
        // far apart spots: no link from the range, only the grid's own
        double[][] spots = new double[from + 60][];
        for (int i = 0; i < spots.length; i++) {
            spots[i] = new double[] {i * 10.0, 0};
        }
        return mesh(1, spots, from, from + 60, links);
    }

    private static int[] box(Map<NodeId, Point> placed, TopologySnapshot part) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (NodeId id : part.nodes().keySet()) {
            Point p = placed.get(id);
            box[0] = Math.min(box[0], p.x());
            box[1] = Math.min(box[1], p.y());
            box[2] = Math.max(box[2], p.x());
            box[3] = Math.max(box[3], p.y());
        }
        return box;
    }
}
