package io.x0tta6bl4.sim.internal;

import io.x0tta6bl4.api.topology.LinkMetrics;

/**
 * A radio link between two simulated nodes. The simulator thinks of links as
 * bidirectional; it reports them as two directed links whose base metrics differ a little,
 * as real radio links do.
 *
 * @param a        lower node index
 * @param b        higher node index
 * @param span     distance as a fraction of the radio range: 0 is next door, 1 the edge
 *                 of range; links joining otherwise separate components may exceed 1
 * @param forward  base metrics of {@code a -> b}
 * @param backward base metrics of {@code b -> a}
 */
public record SimEdge(int a, int b, double span, LinkMetrics forward, LinkMetrics backward) {

    public SimEdge {
        if (a >= b) {
            throw new IllegalArgumentException("edge ends must be ordered, got " + a + "," + b);
        }
    }

    /** Order-independent key of the pair of node indices. */
    static long key(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        return ((long) lo << 32) | hi;
    }

    long key() {
        return key(a, b);
    }
}
