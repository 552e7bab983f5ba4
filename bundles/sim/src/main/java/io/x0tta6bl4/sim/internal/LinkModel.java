package io.x0tta6bl4.sim.internal;

import java.util.Random;

import io.x0tta6bl4.api.topology.LinkMetrics;

/**
 * How the simulator turns distance into link metrics, and how a tick perturbs them.
 * <p>
 * The shapes are loosely those of an 802.11 mesh: latency and loss grow faster than
 * linearly towards the edge of the radio range while throughput and batman-adv TQ fall.
 * The exact numbers matter less than that they are plausible, monotonic in distance and
 * different enough between links for path computation to have something to choose.
 */
public final class LinkModel {

    /** Links joining separate components may be longer than the radio range; keep them usable. */
    static final double MAX_SPAN = 1.5;
    static final double MAX_THROUGHPUT_MBPS = 200;

    private LinkModel() {
    }

    /** Base metrics for a link whose length is {@code span} times the radio range. */
    public static LinkMetrics base(double span) {
        double f = Math.max(0, Math.min(MAX_SPAN, span));
        double latency = 1 + 19 * f * f;
        double throughput = Math.max(1, MAX_THROUGHPUT_MBPS * (1 - f / 1.6));
        double loss = Math.min(0.5, 0.001 + 0.05 * f * f * f);
        int tq = clampTq(Math.round(255 * (1 - loss) * (1 - 0.3 * f)));
        return new LinkMetrics(latency, throughput, loss, tq);
    }

    /**
     * Multiplies each metric by its own factor in {@code [1 - jitter, 1 + jitter]}, keeping
     * loss within [0, 1] and TQ within [0, 255].
     */
    public static LinkMetrics jitter(LinkMetrics base, double jitter, Random random) {
        if (jitter <= 0) {
            return base;
        }
        double latency = base.latencyMs() * factor(jitter, random);
        double throughput = base.throughputMbps() * factor(jitter, random);
        double loss = Math.min(1, base.loss() * factor(jitter, random));
        int tq = clampTq(Math.round(base.tq() * factor(jitter, random)));
        return new LinkMetrics(latency, throughput, loss, tq);
    }

    /**
     * Applies an injected fault: the extra loss also costs throughput and TQ, as
     * retransmissions would, and TQ is capped when the fault says so.
     */
    public static LinkMetrics degrade(LinkMetrics metrics, Degradation fault) {
        double keep = 1 - fault.extraLoss();
        double loss = Math.min(1, metrics.loss() + fault.extraLoss());
        double latency = metrics.latencyMs() + fault.extraLatencyMs();
        double throughput = metrics.throughputMbps() * keep;
        int tq = clampTq(Math.round(metrics.tq() * keep));
        if (fault.tqCap() != null) {
            tq = Math.min(tq, fault.tqCap());
        }
        return new LinkMetrics(latency, throughput, loss, tq);
    }

    private static double factor(double jitter, Random random) {
        return 1 + jitter * (2 * random.nextDouble() - 1);
    }

    private static int clampTq(long tq) {
        return (int) Math.max(0, Math.min(255, tq));
    }
}
