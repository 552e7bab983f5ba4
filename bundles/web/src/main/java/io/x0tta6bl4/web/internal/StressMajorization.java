package io.x0tta6bl4.web.internal;

/**
 * Refines a small mesh's picture so that every pair of nodes stands as far apart as their hop
 * distance (stress majorization, Gansner, Koren and North, "Graph drawing by stress
 * majorization", 2004; weights 1/d², the localized update). Pivot MDS alone keeps only the
 * distances to its pivots: at 30 nodes a third of the nodes then touched a neighbour. It needs
 * every pair's distance, so it is used only up to {@link #MAX_NODES}, where it costs a few
 * milliseconds.
 */
final class StressMajorization {

    static final int MAX_NODES = 400;
    private static final int MAX_ROUNDS = 200;
    /** Stops once no node moved more than this, in hops. */
    private static final double SETTLED = 1e-3;

    private StressMajorization() {
    }

    /** Moves {@code xy} (hop units) towards the least stress; a connected graph of at most {@link #MAX_NODES}. */
    static void refine(int[][] adjacency, double[][] xy) {
        int n = adjacency.length;
        if (n < 3 || n > MAX_NODES) {
            return;
        }
        int[][] hops = new int[n][];
        for (int i = 0; i < n; i++) {
            hops[i] = new int[n];
            PivotMds.bfs(adjacency, i, hops[i]);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            double moved = 0;
            for (int i = 0; i < n; i++) {
                double sx = 0;
                double sy = 0;
                double weights = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double d = hops[i][j];
                    double w = 1 / (d * d);
                    double dx = xy[0][i] - xy[0][j];
                    double dy = xy[1][i] - xy[1][j];
                    double now = Math.sqrt(dx * dx + dy * dy);
                    if (now < 1e-9) {
                        // the same spot: any direction will do, the same on every run
                        double angle = (i * 31L + j) * 2.399963229728653;
                        dx = Math.cos(angle);
                        dy = Math.sin(angle);
                        now = 1;
                    }
                    sx += w * (xy[0][j] + d * dx / now);
                    sy += w * (xy[1][j] + d * dy / now);
                    weights += w;
                }
                double x = sx / weights;
                double y = sy / weights;
                moved = Math.max(moved, Math.hypot(x - xy[0][i], y - xy[1][i]));
                xy[0][i] = x;
                xy[1][i] = y;
            }
            if (moved < SETTLED) {
                return;
            }
        }
    }
}
