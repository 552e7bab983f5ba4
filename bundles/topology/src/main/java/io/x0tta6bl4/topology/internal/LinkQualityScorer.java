package io.x0tta6bl4.topology.internal;

import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;

/**
 * Turns raw link metrics into a quality score in [0, 1] and an ETX-like routing cost.
 * <p>
 * Each metric present maps to a partial score in [0, 1]:
 * <ul>
 * <li>TQ: {@code tq / 255}, batman-adv's own delivery estimate;</li>
 * <li>loss: {@code (1 - loss)^2}, the chance a frame and its acknowledgement both get
 * through, the delivery probability behind ETX;</li>
 * <li>latency: {@code 1 / (1 + latency / 50 ms)}, 0.5 at 50 ms round trip;</li>
 * <li>throughput: {@code t / (t + 10 Mbit/s)}, 0.5 at 10 Mbit/s. A reading of exactly
 * 1 Mbit/s on a wired or tunnel link is batman-adv V's placeholder for "could not
 * estimate" and counts as absent, not as a slow link;</li>
 * <li>Babel cost: {@code min(1, 256 / cost)}, Babel's own ETX scale (256 is one
 * transmission, a wired hop advertises less and scores 1); the infinite cost 65535 scores 0.</li>
 * </ul>
 * The score is the geometric mean of the partial scores present, so it does not drop
 * just because a source measures more things, and any one metric at 0 makes the link
 * unusable. A link without any metric scores {@value #UNKNOWN_SCORE}: known to exist,
 * but not preferred over measured links.
 * <p>
 * The cost is {@code 1 / score}, ETX's expected transmissions, from 1 for a perfect
 * link to {@value #MAX_COST}; below {@value #MIN_USABLE_SCORE} the link is unusable and
 * its cost is infinite.
 */
public final class LinkQualityScorer {

    public static final double UNKNOWN_SCORE = 0.5;
    public static final double REFERENCE_LATENCY_MS = 50;
    public static final double REFERENCE_THROUGHPUT_MBPS = 10;
    public static final double MIN_USABLE_SCORE = 0.05;
    public static final double MAX_COST = 1 / MIN_USABLE_SCORE;

    public LinkQuality score(LinkMetrics metrics) {
        double logSum = 0;
        int present = 0;
        if (metrics.tq() != null) {
            logSum += Math.log(tqScore(metrics.tq()));
            present++;
        }
        if (metrics.loss() != null) {
            logSum += Math.log(lossScore(metrics.loss()));
            present++;
        }
        if (metrics.latencyMs() != null) {
            logSum += Math.log(latencyScore(metrics.latencyMs()));
            present++;
        }
        if (metrics.measuredThroughput().isPresent()) {
            logSum += Math.log(throughputScore(metrics.measuredThroughput().getAsDouble()));
            present++;
        }
        if (metrics.babelCost() != null) {
            logSum += Math.log(babelScore(metrics.babelCost()));
            present++;
        }
        // log(0) is -Infinity and exp(-Infinity) is 0, so a zero partial score needs no special case
        double score = present == 0 ? UNKNOWN_SCORE : clamp(Math.exp(logSum / present));
        return new LinkQuality(score, cost(score));
    }

    static double tqScore(int tq) {
        return tq / 255.0;
    }

    static double lossScore(double loss) {
        double delivery = 1 - loss;
        return delivery * delivery;
    }

    static double latencyScore(double latencyMs) {
        return 1 / (1 + latencyMs / REFERENCE_LATENCY_MS);
    }

    static double throughputScore(double mbps) {
        return mbps / (mbps + REFERENCE_THROUGHPUT_MBPS);
    }

    static double babelScore(int cost) {
        if (cost >= LinkMetrics.BABEL_INFINITY) {
            return 0;
        }
        return Math.min(1, (double) LinkMetrics.BABEL_UNIT_COST / Math.max(1, cost));
    }

    static double cost(double score) {
        if (score < MIN_USABLE_SCORE) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(MAX_COST, Math.max(1, 1 / score));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
