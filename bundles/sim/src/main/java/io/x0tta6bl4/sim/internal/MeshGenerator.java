package io.x0tta6bl4.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.x0tta6bl4.api.topology.LinkMetrics;

/**
 * Generates a connected mesh of a given shape and size. The same shape, size and seed
 * always give the same mesh, so an operator can reproduce what a colleague saw.
 */
public final class MeshGenerator {

    public static final int MIN_SIZE = 2;
    public static final int MAX_SIZE = 10_000;
    /**
     * Up to this size the random shape uses a radius above the connectivity threshold;
     * beyond it, the radius that gives {@value #LARGE_MESH_DEGREE} neighbours on average.
     */
    public static final int CLASSIC_MAX_SIZE = 2000;
    /** Average number of neighbours of a large random mesh, as in real community meshes. */
    public static final double LARGE_MESH_DEGREE = 6;

    /** Nodes of the regular shapes sit at 40..80 % of radio range from their neighbours. */
    private static final double REGULAR_MIN_SPAN = 0.4;
    private static final double REGULAR_SPAN_RANGE = 0.4;
    /** How much the two directions of a link may differ, as a fraction of its span. */
    private static final double MAX_ASYMMETRY = 0.06;
    /**
     * Multiple of the connectivity threshold sqrt(ln n / (pi n)) of a random geometric
     * graph: above 1 the graph is connected with high probability, and 1.5 gives a
     * realistic average degree without making the mesh a clique.
     */
    private static final double RADIUS_FACTOR = 1.5;

    private MeshGenerator() {
    }

    public static SimMesh generate(MeshShape shape, int size, long seed) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be within " + MIN_SIZE + ".." + MAX_SIZE + ", was " + size);
        }
        Random random = new Random(seed);
        return switch (shape) {
            case LINE -> line(size, seed, random);
            case RING -> ring(size, seed, random);
            case GRID -> grid(size, seed, random);
            case RANDOM -> randomGeometric(size, seed, random);
        };
    }

    /**
     * A random geometric mesh with the given average degree, of any size up to
     * {@link #MAX_SIZE}, joined into one piece by relays (benchmarks compare engines on it).
     */
    public static SimMesh randomGeometric(int size, long seed, double averageDegree) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be within " + MIN_SIZE + ".." + MAX_SIZE + ", was " + size);
        }
        if (!(averageDegree > 0)) {
            throw new IllegalArgumentException("average degree must be positive, was " + averageDegree);
        }
        return LargeRandomMesh.generate(size, seed, new Random(seed), averageDegree);
    }

    private static SimMesh line(int size, long seed, Random random) {
        List<SimNode> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            nodes.add(new SimNode(i, SimNode.idFor(i, size), (double) i / (size - 1), 0.5));
        }
        List<SimEdge> edges = new ArrayList<>();
        for (int i = 0; i + 1 < size; i++) {
            edges.add(edge(i, i + 1, regularSpan(random), random));
        }
        return new SimMesh(MeshShape.LINE, seed, nodes, edges);
    }

    private static SimMesh ring(int size, long seed, Random random) {
        List<SimNode> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double angle = 2 * Math.PI * i / size;
            nodes.add(new SimNode(i, SimNode.idFor(i, size), 0.5 + 0.5 * Math.cos(angle), 0.5 + 0.5 * Math.sin(angle)));
        }
        List<SimEdge> edges = new ArrayList<>();
        for (int i = 0; i + 1 < size; i++) {
            edges.add(edge(i, i + 1, regularSpan(random), random));
        }
        // With two nodes the closing link would duplicate the only one.
        if (size > 2) {
            edges.add(edge(0, size - 1, regularSpan(random), random));
        }
        return new SimMesh(MeshShape.RING, seed, nodes, edges);
    }

    private static SimMesh grid(int size, long seed, Random random) {
        int columns = (int) Math.ceil(Math.sqrt(size));
        int rows = (size + columns - 1) / columns;
        List<SimNode> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double x = columns == 1 ? 0.5 : (double) (i % columns) / (columns - 1);
            double y = rows == 1 ? 0.5 : (double) (i / columns) / (rows - 1);
            nodes.add(new SimNode(i, SimNode.idFor(i, size), x, y));
        }
        List<SimEdge> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if ((i + 1) % columns != 0 && i + 1 < size) {
                edges.add(edge(i, i + 1, regularSpan(random), random));
            }
            if (i + columns < size) {
                edges.add(edge(i, i + columns, regularSpan(random), random));
            }
        }
        return new SimMesh(MeshShape.GRID, seed, nodes, edges);
    }

    private static SimMesh randomGeometric(int size, long seed, Random random) {
        if (size > CLASSIC_MAX_SIZE) {
            return LargeRandomMesh.generate(size, seed, random, LARGE_MESH_DEGREE);
        }
        List<SimNode> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            nodes.add(new SimNode(i, SimNode.idFor(i, size), random.nextDouble(), random.nextDouble()));
        }
        double radius = radius(size);
        UnionFind components = new UnionFind(size);
        List<SimEdge> edges = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                double d = nodes.get(i).distanceTo(nodes.get(j));
                if (d <= radius) {
                    edges.add(edge(i, j, d / radius, random));
                    components.union(i, j);
                }
            }
        }
        joinComponents(nodes, radius, components, edges, random);
        return new SimMesh(MeshShape.RANDOM, seed, nodes, edges);
    }

    /** Radio range in the unit square for {@code size} nodes. */
    static double radius(int size) {
        return Math.min(Math.sqrt(2), RADIUS_FACTOR * Math.sqrt(Math.log(size) / (Math.PI * size)));
    }

    /**
     * An unlucky seed can leave islands. Join the component of the first node to the
     * closest other component by their closest pair of nodes until one component remains,
     * as an operator would place a relay between two neighbourhoods.
     */
    private static void joinComponents(List<SimNode> nodes, double radius, UnionFind components,
                                       List<SimEdge> edges, Random random) {
        int size = nodes.size();
        while (components.count() > 1) {
            int root = components.find(0);
            int bestI = -1;
            int bestJ = -1;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (components.find(i) != root) {
                    continue;
                }
                for (int j = 0; j < size; j++) {
                    if (components.find(j) == root) {
                        continue;
                    }
                    double d = nodes.get(i).distanceTo(nodes.get(j));
                    if (d < best) {
                        best = d;
                        bestI = i;
                        bestJ = j;
                    }
                }
            }
            edges.add(edge(Math.min(bestI, bestJ), Math.max(bestI, bestJ), best / radius, random));
            components.union(bestI, bestJ);
        }
    }

    private static double regularSpan(Random random) {
        return REGULAR_MIN_SPAN + REGULAR_SPAN_RANGE * random.nextDouble();
    }

    static SimEdge edge(int a, int b, double span, Random random) {
        double asymmetry = MAX_ASYMMETRY * random.nextDouble();
        LinkMetrics forward = LinkModel.base(span * (1 + asymmetry));
        LinkMetrics backward = LinkModel.base(span * (1 - asymmetry));
        return new SimEdge(a, b, span, forward, backward);
    }

    /** Disjoint sets of node indices with path halving. */
    private static final class UnionFind {
        private final int[] parent;
        private int count;

        UnionFind(int size) {
            parent = new int[size];
            for (int i = 0; i < size; i++) {
                parent[i] = i;
            }
            count = size;
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void union(int i, int j) {
            int ri = find(i);
            int rj = find(j);
            if (ri != rj) {
                parent[ri] = rj;
                count--;
            }
        }

        int count() {
            return count;
        }
    }
}
