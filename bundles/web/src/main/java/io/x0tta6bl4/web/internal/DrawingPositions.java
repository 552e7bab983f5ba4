package io.x0tta6bl4.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * Where the topology page draws each node, kept by the node so that every browser sees the same
 * picture and the first one does not lay out a thousand nodes itself (fcose's draft took 1.2 s of
 * the page's 2.2 s first draw at 1,000 nodes). A mesh not seen before, or one of which more than a
 * fifth is new, is laid out whole by {@link PivotMds}, each connected part apart and the parts
 * side by side, largest first; a node that joins later lands beside its neighbours and nobody
 * else moves; a node placed with no links (down at the time) moves to its neighbours once it has
 * some. Positions of nodes that left the topology are forgotten, so the map is bounded by the mesh.
 * Positions live as long as the bundle: after a restart the same mesh gets the same layout again,
 * as {@link PivotMds} is deterministic.
 */
public final class DrawingPositions {

    /** A link's mean length on the page, in pixels (nodes are drawn 18 px wide). */
    static final double LINK_PX = 60;
    /** Space between two connected parts of the mesh, in mean link lengths. */
    private static final double PART_GAP = 2;

    /** A node's place on the page, in pixels. */
    public record Point(int x, int y) {
    }

    private Map<NodeId, Point> positions = Map.of();
    /** Placed while they had no link (down then): placed again beside their neighbours once they have one. */
    private final Set<NodeId> unlinked = new HashSet<>();
    private long version = Long.MIN_VALUE;

    /**
     * The position of every node of {@code snapshot}, placing those not placed yet. Each update of
     * the page asks; one in which no node came, went or gained its first link costs a pass over
     * the nodes (and over the links while some node was placed without one), nothing more.
     */
    public synchronized Map<NodeId, Point> place(TopologySnapshot snapshot) {
        if (snapshot.version() == version) {
            return positions;
        }
        version = snapshot.version();
        Set<NodeId> ids = snapshot.nodes().keySet();
        List<NodeId> missing = new ArrayList<>();
        for (NodeId id : ids) {
            if (!positions.containsKey(id)) {
                missing.add(id);
            }
        }
        Set<NodeId> linked = new HashSet<>();
        if (!unlinked.isEmpty()) {
            for (Link l : snapshot.links().values()) {
                if (unlinked.contains(l.from())) {
                    linked.add(l.from());
                }
                if (unlinked.contains(l.to())) {
                    linked.add(l.to());
                }
            }
        }
        boolean gone = positions.size() > ids.size() - missing.size();
        if (missing.isEmpty() && linked.isEmpty() && !gone) {
            return positions;
        }
        Map<NodeId, Set<NodeId>> neighbours = neighbours(snapshot);
        Map<NodeId, Point> next;
        if (missing.size() > Math.max(10, ids.size() / 5)) {
            next = layoutWhole(neighbours);
            unlinked.clear();
            missing = List.copyOf(ids);
        } else {
            next = new HashMap<>(positions);
            next.keySet().retainAll(ids);
            unlinked.retainAll(ids);
            unlinked.removeAll(linked);
            missing.addAll(linked);
            missing.forEach(next::remove);
            // nodes without placed neighbours go on one row below the drawing as it was, not each below the last
            int[] before = bounds(next.values());
            for (NodeId id : missing) {
                next.put(id, besideNeighbours(id, neighbours.get(id), next, before));
            }
        }
        for (NodeId id : missing) {
            if (neighbours.get(id).isEmpty()) {
                unlinked.add(id);
            }
        }
        positions = Map.copyOf(next);
        return positions;
    }

    /** Each node's neighbours over links of either direction, in id order (a stable picture). */
    private static Map<NodeId, Set<NodeId>> neighbours(TopologySnapshot snapshot) {
        Map<NodeId, Set<NodeId>> m = new TreeMap<>();
        snapshot.nodes().keySet().forEach(id -> m.put(id, new TreeSet<>()));
        for (Link l : snapshot.links().values()) {
            Set<NodeId> from = m.get(l.from());
            Set<NodeId> to = m.get(l.to());
            if (from != null && to != null && !l.from().equals(l.to())) {
                from.add(l.to());
                to.add(l.from());
            }
        }
        return m;
    }

    private static Map<NodeId, Point> layoutWhole(Map<NodeId, Set<NodeId>> neighbours) {
        List<List<NodeId>> parts = connectedParts(neighbours);
        parts.sort(Comparator.comparingInt((List<NodeId> p) -> -p.size()).thenComparing(p -> p.get(0)));
        Map<NodeId, Point> placed = new HashMap<>();
        // shelves: parts left to right, a new row once a row is as wide as the largest part (or
        // as the square all parts would fill, where many small parts are left)
        double rowWidth = 0;
        double x = 0;
        double y = 0;
        double rowHeight = 0;
        double totalArea = 0;
        List<double[][]> coordinates = new ArrayList<>();
        for (List<NodeId> part : parts) {
            double[][] xy = PivotMds.layout(adjacency(part, neighbours));
            coordinates.add(xy);
            double[] box = box(xy);
            totalArea += (box[2] - box[0] + PART_GAP) * (box[3] - box[1] + PART_GAP);
            rowWidth = Math.max(rowWidth, box[2] - box[0]);
        }
        rowWidth = Math.max(rowWidth, Math.sqrt(totalArea));
        for (int p = 0; p < parts.size(); p++) {
            double[][] xy = coordinates.get(p);
            double[] box = box(xy);
            double w = box[2] - box[0];
            double h = box[3] - box[1];
            if (x > 0 && x + w > rowWidth) {
                x = 0;
                y += rowHeight + PART_GAP;
                rowHeight = 0;
            }
            List<NodeId> part = parts.get(p);
            for (int i = 0; i < part.size(); i++) {
                placed.put(part.get(i), pixels(x + xy[0][i] - box[0], y + xy[1][i] - box[1]));
            }
            x += w + PART_GAP;
            rowHeight = Math.max(rowHeight, h);
        }
        return placed;
    }

    private static List<List<NodeId>> connectedParts(Map<NodeId, Set<NodeId>> neighbours) {
        List<List<NodeId>> parts = new ArrayList<>();
        Set<NodeId> seen = new HashSet<>();
        for (NodeId start : neighbours.keySet()) {
            if (seen.add(start)) {
                List<NodeId> part = new ArrayList<>();
                part.add(start);
                for (int i = 0; i < part.size(); i++) {
                    for (NodeId w : neighbours.get(part.get(i))) {
                        if (seen.add(w)) {
                            part.add(w);
                        }
                    }
                }
                parts.add(part);
            }
        }
        return parts;
    }

    private static int[][] adjacency(List<NodeId> part, Map<NodeId, Set<NodeId>> neighbours) {
        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < part.size(); i++) {
            index.put(part.get(i), i);
        }
        int[][] adjacency = new int[part.size()][];
        for (int i = 0; i < part.size(); i++) {
            adjacency[i] = neighbours.get(part.get(i)).stream().mapToInt(index::get).toArray();
        }
        return adjacency;
    }

    /** {minX, minY, maxX, maxY} */
    private static double[] box(double[][] xy) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < xy[0].length; i++) {
            box[0] = Math.min(box[0], xy[0][i]);
            box[1] = Math.min(box[1], xy[1][i]);
            box[2] = Math.max(box[2], xy[0][i]);
            box[3] = Math.max(box[3], xy[1][i]);
        }
        return box;
    }

    /**
     * The mean of the neighbours already placed, a little off it (by the node's own id, so the
     * same on every call); a node with none goes below the drawing.
     */
    private static Point besideNeighbours(NodeId id, Set<NodeId> peers, Map<NodeId, Point> placed, int[] below) {
        double angle = (id.hashCode() & 0xffff) / 65536.0 * 2 * Math.PI;
        double offset = PivotMds.GAP * LINK_PX * 1.5;
        double sx = 0;
        double sy = 0;
        int k = 0;
        for (NodeId peer : peers) {
            Point p = placed.get(peer);
            if (p != null) {
                sx += p.x();
                sy += p.y();
                k++;
            }
        }
        if (k > 0) {
            return new Point((int) Math.round(sx / k + Math.cos(angle) * offset),
                    (int) Math.round(sy / k + Math.sin(angle) * offset));
        }
        double along = (id.hashCode() & 0xffff) / 65536.0;
        return new Point((int) Math.round(below[0] + along * Math.max(below[1] - below[0], LINK_PX)),
                (int) Math.round(below[2] + LINK_PX));
    }

    /** {minX, maxX, maxY} of the points, zeros for none. */
    private static int[] bounds(Iterable<Point> points) {
        int[] b = null;
        for (Point p : points) {
            b = b == null ? new int[] {p.x(), p.x(), p.y()}
                    : new int[] {Math.min(b[0], p.x()), Math.max(b[1], p.x()), Math.max(b[2], p.y())};
        }
        return b == null ? new int[3] : b;
    }

    private static Point pixels(double x, double y) {
        return new Point((int) Math.round(x * LINK_PX), (int) Math.round(y * LINK_PX));
    }
}
