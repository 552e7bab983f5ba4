package io.x0tta6bl4.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coordinates for one connected graph by pivot multidimensional scaling (Brandes and Pich,
 * "Eigensolver methods for progressive multidimensional scaling of large data", 2006): hop
 * distances from k pivots chosen far apart, double-centred, and the two leading eigenvectors of
 * the k×k product give the plane that keeps those distances best. It costs k breadth-first
 * searches and O(n·k²) arithmetic, no iteration over node pairs, and it is deterministic: the same
 * mesh gets the same picture on every node and in every browser. A mesh of up to {@value
 * StressMajorization#MAX_NODES} nodes is then refined by {@link StressMajorization}; last, nodes
 * closer than {@link #GAP} are pushed apart.
 * <p>
 * It is ours because the library at hand falls short: JGraphT's Fruchterman–Reingold layout (with
 * its Barnes–Hut quad tree) needs over a second for 100 iterations at 1,000 nodes, where this
 * takes milliseconds, and leaves more links crossing ({@code benchmarks/.../LayoutBenchmark}).
 */
public final class PivotMds {

    /** Pivots: beyond 50 the picture of a mesh hardly changes (the paper's figures agree). */
    static final int PIVOTS = 50;
    private static final int POWER_ITERATIONS = 200;
    /** Least distance between two nodes, in mean link lengths: 30 px at the page's 60 px a link (nodes are 18 px). */
    static final double GAP = 0.5;
    private static final int SPREAD_ROUNDS = 10;

    private PivotMds() {
    }

    /**
     * Coordinates of the nodes of a connected graph, a link one unit long on average and no two
     * nodes closer than {@link #GAP}: {@code result[0]} the x, {@code result[1]} the y of node i. {@code adjacency[i]} lists the neighbours of node i, each link
     * in both lists.
     */
    public static double[][] layout(int[][] adjacency) {
        int n = adjacency.length;
        if (n <= 2) {
            double[][] tiny = new double[2][n];
            if (n == 2) {
                tiny[0][1] = 1;
            }
            return tiny;
        }
        int k = Math.min(PIVOTS, n);
        double[][] c = centredSquaredDistances(adjacency, k);
        double[][] ctc = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += c[i][a] * c[i][b];
                }
                ctc[a][b] = s;
                ctc[b][a] = s;
            }
        }
        double[] first = leadingEigenvector(ctc, null);
        double[] second = leadingEigenvector(ctc, first);
        double[][] xy = new double[2][n];
        for (int i = 0; i < n; i++) {
            double x = 0;
            double y = 0;
            for (int a = 0; a < k; a++) {
                x += c[i][a] * first[a];
                y += c[i][a] * second[a];
            }
            xy[0][i] = x;
            xy[1][i] = y;
        }
        StressMajorization.refine(adjacency, xy);
        toMeanEdgeLength(adjacency, xy);
        spread(xy);
        return xy;
    }

    /** Scales the coordinates so that a link is one unit long on average. */
    private static void toMeanEdgeLength(int[][] adjacency, double[][] xy) {
        double sum = 0;
        long links = 0;
        for (int i = 0; i < adjacency.length; i++) {
            for (int j : adjacency[i]) {
                sum += Math.hypot(xy[0][i] - xy[0][j], xy[1][i] - xy[1][j]);
                links++;
            }
        }
        double scale = sum > 0 ? links / sum : 1;
        for (int i = 0; i < adjacency.length; i++) {
            xy[0][i] *= scale;
            xy[1][i] *= scale;
        }
    }

    /**
     * Hop distances tie: neighbours with the same distance to every pivot land on one spot (about
     * 770 pairs closer than 0.15 of a link at 1,000 nodes). Pushes every pair closer than {@link
     * #GAP} apart, found through a grid of cells {@code GAP} wide, for a few rounds; the global
     * shape stays, the stack becomes a cluster one can click into.
     */
    private static void spread(double[][] xy) {
        int n = xy[0].length;
        for (int round = 0; round < SPREAD_ROUNDS; round++) {
            Map<Long, List<Integer>> cells = new HashMap<>();
            for (int i = 0; i < n; i++) {
                cells.computeIfAbsent(cell(xy[0][i], xy[1][i], 0, 0), c -> new ArrayList<>()).add(i);
            }
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                for (int gx = -1; gx <= 1; gx++) {
                    for (int gy = -1; gy <= 1; gy++) {
                        for (int j : cells.getOrDefault(cell(xy[0][i], xy[1][i], gx, gy), List.of())) {
                            if (j > i) {
                                moved |= pushApart(xy, i, j);
                            }
                        }
                    }
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static boolean pushApart(double[][] xy, int i, int j) {
        double dx = xy[0][j] - xy[0][i];
        double dy = xy[1][j] - xy[1][i];
        double d = Math.hypot(dx, dy);
        if (d >= GAP) {
            return false;
        }
        if (d < 1e-9) {
            // the same spot: a direction of their own (golden angle), the same on every run
            double angle = (i * 31L + j) * 2.399963229728653;
            dx = Math.cos(angle);
            dy = Math.sin(angle);
        } else {
            dx /= d;
            dy /= d;
        }
        double push = (GAP - d) / 2;
        xy[0][i] -= dx * push;
        xy[1][i] -= dy * push;
        xy[0][j] += dx * push;
        xy[1][j] += dy * push;
        return true;
    }

    private static long cell(double x, double y, int dx, int dy) {
        long cx = (long) Math.floor(x / GAP) + dx;
        long cy = (long) Math.floor(y / GAP) + dy;
        return (cx << 32) ^ (cy & 0xffffffffL);
    }

    /**
     * n×k: the squared hop distances from each pivot, double-centred. Pivots max-min: the first is
     * node 0, each next the node farthest from all chosen so far, so they spread over the mesh.
     */
    private static double[][] centredSquaredDistances(int[][] adjacency, int k) {
        int n = adjacency.length;
        double[][] c = new double[n][k];
        int[] nearest = new int[n];
        Arrays.fill(nearest, Integer.MAX_VALUE);
        int[] hops = new int[n];
        int pivot = 0;
        for (int a = 0; a < k; a++) {
            bfs(adjacency, pivot, hops);
            int next = 0;
            for (int i = 0; i < n; i++) {
                c[i][a] = (double) hops[i] * hops[i];
                nearest[i] = Math.min(nearest[i], hops[i]);
                if (nearest[i] > nearest[next]) {
                    next = i;
                }
            }
            pivot = next;
        }
        double[] rowMean = new double[n];
        double[] colMean = new double[k];
        double all = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                rowMean[i] += c[i][a] / k;
                colMean[a] += c[i][a] / n;
                all += c[i][a];
            }
        }
        all /= (double) n * k;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                c[i][a] = -0.5 * (c[i][a] - rowMean[i] - colMean[a] + all);
            }
        }
        return c;
    }

    /** Hop distances from {@code from} into {@code hops}; a node it cannot reach is an error. */
    static void bfs(int[][] adjacency, int from, int[] hops) {
        Arrays.fill(hops, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        hops[from] = 0;
        queue.add(from);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int w : adjacency[v]) {
                if (hops[w] < 0) {
                    hops[w] = hops[v] + 1;
                    queue.add(w);
                }
            }
        }
        for (int i = 0; i < hops.length; i++) {
            if (hops[i] < 0) {
                throw new IllegalArgumentException("node " + i + " is not connected to node " + from);
            }
        }
    }

    /** Power iteration on a symmetric matrix, orthogonal to {@code against} where given. */
    private static double[] leadingEigenvector(double[][] m, double[] against) {
        int k = m.length;
        double[] v = new double[k];
        for (int a = 0; a < k; a++) {
            // a fixed, uneven start: deterministic, and not orthogonal to the answer in practice
            v[a] = 1.0 + (a % 7) * 0.1;
        }
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            if (against != null) {
                double dot = 0;
                for (int a = 0; a < k; a++) {
                    dot += v[a] * against[a];
                }
                for (int a = 0; a < k; a++) {
                    v[a] -= dot * against[a];
                }
            }
            double[] w = new double[k];
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int b = 0; b < k; b++) {
                    s += m[a][b] * v[b];
                }
                w[a] = s;
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return w;
            }
            for (int a = 0; a < k; a++) {
                v[a] = w[a] / norm;
            }
        }
        return v;
    }
}
