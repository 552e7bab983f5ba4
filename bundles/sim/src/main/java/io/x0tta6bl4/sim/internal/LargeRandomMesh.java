package io.x0tta6bl4.sim.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Random geometric meshes of thousands of nodes: nodes uniform in the unit square, a link
 * between two nodes closer than the radio range, the range chosen for a target average
 * degree. Neighbours are found through a grid of cells one range wide, so generation is
 * linear in the number of links rather than quadratic in nodes.
 * <p>
 * At a realistic degree such a mesh is not connected: each island but the largest is
 * joined to the nearest node outside it by one relay link, islands in index order of
 * their first node, until one is left, as an operator would place relays.
 */
final class LargeRandomMesh {

    private LargeRandomMesh() {
    }

    static SimMesh generate(int size, long seed, Random random, double degree) {
        List<SimNode> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            nodes.add(new SimNode(i, SimNode.idFor(i, size), random.nextDouble(), random.nextDouble()));
        }
        double radius = Math.sqrt(degree / (Math.PI * size));
        Grid grid = new Grid(nodes, radius);
        int[] parent = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
        }
        List<SimEdge> edges = new ArrayList<>((int) (size * degree / 2 * 1.1));
        for (int i = 0; i < size; i++) {
            SimNode a = nodes.get(i);
            int cx = grid.cell(a.x());
            int cy = grid.cell(a.y());
            for (int gx = Math.max(0, cx - 1); gx <= Math.min(grid.cells - 1, cx + 1); gx++) {
                for (int gy = Math.max(0, cy - 1); gy <= Math.min(grid.cells - 1, cy + 1); gy++) {
                    for (int j : grid.members(gx, gy)) {
                        if (j > i) {
                            double d = a.distanceTo(nodes.get(j));
                            if (d <= radius) {
                                edges.add(MeshGenerator.edge(i, j, d / radius, random));
                                union(parent, i, j);
                            }
                        }
                    }
                }
            }
        }
        joinIslands(nodes, grid, radius, parent, edges, random);
        return new SimMesh(MeshShape.RANDOM, seed, nodes, edges);
    }

    /** Joins every island to its nearest node in another island, until one island is left. */
    private static void joinIslands(List<SimNode> nodes, Grid grid, double radius, int[] parent, List<SimEdge> edges,
                                    Random random) {
        int size = nodes.size();
        boolean joined = true;
        while (joined) {
            joined = false;
            int[][] members = islands(parent, size);
            if (members.length <= 1) {
                return;
            }
            int largest = 0;
            for (int k = 1; k < members.length; k++) {
                if (members[k].length > members[largest].length) {
                    largest = k;
                }
            }
            for (int k = 0; k < members.length; k++) {
                if (k == largest) {
                    // every other island joins something: the largest needs no search of its own
                    continue;
                }
                int[] island = members[k];
                int root = find(parent, island[0]);
                int bestI = -1;
                int bestJ = -1;
                double best = Double.MAX_VALUE;
                for (int i : island) {
                    int j = grid.nearestOutside(nodes, i, other -> find(parent, other) == root);
                    if (j >= 0) {
                        double d = nodes.get(i).distanceTo(nodes.get(j));
                        if (d < best) {
                            best = d;
                            bestI = i;
                            bestJ = j;
                        }
                    }
                }
                if (bestI >= 0 && find(parent, bestI) != find(parent, bestJ)) {
                    edges.add(MeshGenerator.edge(Math.min(bestI, bestJ), Math.max(bestI, bestJ),
                            Math.min(1, best / radius), random));
                    union(parent, bestI, bestJ);
                    joined = true;
                }
            }
        }
    }

    /** Node indices of each island, islands ordered by their lowest index. */
    private static int[][] islands(int[] parent, int size) {
        int[] count = new int[size];
        for (int i = 0; i < size; i++) {
            count[find(parent, i)]++;
        }
        List<int[]> out = new ArrayList<>();
        int[][] byRoot = new int[size][];
        int[] fill = new int[size];
        for (int i = 0; i < size; i++) {
            int r = find(parent, i);
            if (byRoot[r] == null) {
                byRoot[r] = new int[count[r]];
                out.add(byRoot[r]);
            }
            byRoot[r][fill[r]++] = i;
        }
        return out.toArray(int[][]::new);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }

    /** Nodes bucketed into square cells. */
    private static final class Grid {
        final int cells;
        private final int[] start;
        private final int[] items;

        Grid(List<SimNode> nodes, double cellSize) {
            cells = Math.max(1, (int) Math.floor(1 / cellSize));
            int[] count = new int[cells * cells + 1];
            for (SimNode n : nodes) {
                count[index(n) + 1]++;
            }
            for (int c = 0; c < cells * cells; c++) {
                count[c + 1] += count[c];
            }
            start = count;
            items = new int[nodes.size()];
            int[] fill = Arrays.copyOf(start, cells * cells);
            for (SimNode n : nodes) {
                items[fill[index(n)]++] = n.index();
            }
        }

        int cell(double coordinate) {
            return Math.min(cells - 1, (int) (coordinate * cells));
        }

        private int index(SimNode n) {
            return cell(n.x()) * cells + cell(n.y());
        }

        int[] members(int gx, int gy) {
            int c = gx * cells + gy;
            return Arrays.copyOfRange(items, start[c], start[c + 1]);
        }

        /** The nearest node for which {@code excluded} is false, searching rings of cells outwards. */
        int nearestOutside(List<SimNode> nodes, int from, IntPredicate excluded) {
            SimNode a = nodes.get(from);
            int cx = cell(a.x());
            int cy = cell(a.y());
            int best = -1;
            double bestD = Double.MAX_VALUE;
            double cellSize = 1.0 / cells;
            for (int ring = 0; ring < cells; ring++) {
                // nothing in this ring can beat a candidate closer than the ring's inner edge
                if (best >= 0 && bestD <= (ring - 1) * cellSize) {
                    break;
                }
                for (int gx = cx - ring; gx <= cx + ring; gx++) {
                    for (int gy = cy - ring; gy <= cy + ring; gy++) {
                        if (gx < 0 || gy < 0 || gx >= cells || gy >= cells
                                || (Math.abs(gx - cx) != ring && Math.abs(gy - cy) != ring)) {
                            continue;
                        }
                        int c = gx * cells + gy;
                        for (int k = start[c]; k < start[c + 1]; k++) {
                            int j = items[k];
                            if (!excluded.test(j)) {
                                double d = a.distanceTo(nodes.get(j));
                                if (d < bestD) {
                                    bestD = d;
                                    best = j;
                                }
                            }
                        }
                    }
                }
            }
            return best;
        }
    }
}
