package io.x0tta6bl4.topology.internal;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;

import org.junit.jupiter.api.Test;

class LinkQualityScorerTest {

    private static final double EPS = 1e-9;
    private final LinkQualityScorer scorer = new LinkQualityScorer();

    private LinkQuality score(Double latency, Double throughput, Double loss, Integer tq) {
        return scorer.score(new LinkMetrics(latency, throughput, loss, tq));
    }

    @Test
    void noMetricsGiveTheNeutralScore() {
        LinkQuality q = scorer.score(LinkMetrics.NONE);
        assertEquals(0.5, q.score(), EPS);
        assertEquals(2.0, q.cost(), EPS);
    }

    @Test
    void tqAlone() {
        assertEquals(1.0, score(null, null, null, 255).score(), EPS);
        assertEquals(1.0, score(null, null, null, 255).cost(), EPS);
        assertEquals(128 / 255.0, score(null, null, null, 128).score(), EPS);
        assertEquals(255 / 128.0, score(null, null, null, 128).cost(), EPS);
        assertEquals(0.0, score(null, null, null, 0).score(), EPS);
    }

    @Test
    void lossAloneCountsBothDirectionsLikeEtx() {
        assertEquals(1.0, score(null, null, 0.0, null).score(), EPS);
        assertEquals(0.81, score(null, null, 0.1, null).score(), EPS);
        assertEquals(0.25, score(null, null, 0.5, null).score(), EPS);
        assertEquals(4.0, score(null, null, 0.5, null).cost(), EPS);
        assertEquals(0.0, score(null, null, 1.0, null).score(), EPS);
    }

    @Test
    void latencyAloneHalvesAtTheReference() {
        assertEquals(1.0, score(0.0, null, null, null).score(), EPS);
        assertEquals(0.5, score(50.0, null, null, null).score(), EPS);
        assertEquals(0.2, score(200.0, null, null, null).score(), EPS);
    }

    @Test
    void throughputAloneHalvesAtTheReference() {
        assertEquals(0.0, score(null, 0.0, null, null).score(), EPS);
        assertEquals(0.5, score(null, 10.0, null, null).score(), EPS);
        assertEquals(100 / 110.0, score(null, 100.0, null, null).score(), EPS);
    }

    @Test
    void combinationIsTheGeometricMean() {
        // latency 50 ms -> 0.5, loss 0.5 -> 0.25: sqrt(0.125)
        assertEquals(Math.sqrt(0.5 * 0.25), score(50.0, null, 0.5, null).score(), EPS);
        // all four: 0.5 * 0.5 * 0.81 * 1.0
        assertEquals(Math.pow(0.5 * 0.5 * 0.81 * 1.0, 0.25), score(50.0, 10.0, 0.1, 255).score(), EPS);
        // a perfect metric next to a bad one does not hide it
        assertTrue(score(0.0, null, 0.9, null).score() < 0.2);
    }

    @Test
    void anyMetricAtZeroMakesTheLinkUnusable() {
        LinkQuality q = score(1.0, 1000.0, 0.0, 0);
        assertEquals(0.0, q.score(), EPS);
        assertFalse(q.isUsable());
        assertEquals(Double.POSITIVE_INFINITY, q.cost());
    }

    @Test
    void costIsFiniteDownToTheMinimumScoreAndBounded() {
        // tq 13 -> 0.051: just usable; tq 12 -> 0.047: not
        LinkQuality usable = score(null, null, null, 13);
        assertTrue(usable.isUsable());
        assertTrue(usable.cost() <= LinkQualityScorer.MAX_COST);
        assertFalse(score(null, null, null, 12).isUsable());
    }

    @Test
    void scoreStaysInBoundsAtTheExtremes() {
        LinkQuality best = score(0.0, Double.MAX_VALUE, 0.0, 255);
        assertTrue(best.score() <= 1 && best.score() >= 0.99);
        assertTrue(best.cost() >= 1);
        LinkQuality slow = score(Double.MAX_VALUE, null, null, null);
        assertTrue(slow.score() >= 0 && slow.score() < 1e-9);
        assertFalse(slow.isUsable());
    }

    @Test
    void scoreIsMonotoneInEveryMetric() {
        double previous = -1;
        for (int tq = 0; tq <= 255; tq += 5) {
            double s = score(20.0, 50.0, 0.05, tq).score();
            assertTrue(s >= previous, "tq " + tq);
            previous = s;
        }
        previous = 2;
        for (double loss = 0; loss <= 1; loss += 0.05) {
            double s = score(20.0, 50.0, loss, 200).score();
            assertTrue(s <= previous, "loss " + loss);
            previous = s;
        }
        previous = 2;
        for (double latency = 0; latency <= 1000; latency += 25) {
            double s = score(latency, 50.0, 0.05, 200).score();
            assertTrue(s <= previous, "latency " + latency);
            previous = s;
        }
        previous = -1;
        for (double mbps = 0; mbps <= 1000; mbps += 25) {
            double s = score(20.0, mbps, 0.05, 200).score();
            assertTrue(s >= previous, "throughput " + mbps);
            previous = s;
        }
    }

    @Test
    void costFallsAsScoreRises() {
        double previous = Double.POSITIVE_INFINITY;
        for (int tq = 13; tq <= 255; tq++) {
            double c = score(null, null, null, tq).cost();
            assertTrue(c <= previous && c >= 1, "tq " + tq);
            previous = c;
        }
    }

    @org.junit.jupiter.api.Test
    void batmanVDefaultThroughputOnAWiredOrTunnelLinkMeansUnknownNotSlow() {
        for (io.x0tta6bl4.api.topology.LinkMedium m : List.of(io.x0tta6bl4.api.topology.LinkMedium.WIRED,
                io.x0tta6bl4.api.topology.LinkMedium.TUNNEL)) {
            LinkQuality q = scorer.score(LinkMetrics.ofThroughput(1.0, m));
            assertEquals(LinkQualityScorer.UNKNOWN_SCORE, q.score(), 1e-12, m.name());
        }
        // the same reading on a radio, or an unknown medium, is a slow link
        double slow = 1.0 / 11;
        assertEquals(slow, scorer.score(LinkMetrics.ofThroughput(1.0, io.x0tta6bl4.api.topology.LinkMedium.WIRELESS))
                .score(), 1e-12);
        assertEquals(slow, scorer.score(new LinkMetrics(null, 1.0, null, null)).score(), 1e-12);
        // any other wired reading is a measurement
        assertEquals(100.0 / 110, scorer.score(LinkMetrics.ofThroughput(100, io.x0tta6bl4.api.topology.LinkMedium.WIRED))
                .score(), 1e-12);
        // the placeholder does not dilute what else was measured
        LinkMetrics withTq = new LinkMetrics(null, 1.0, null, 204, null, io.x0tta6bl4.api.topology.LinkMedium.WIRED);
        assertEquals(0.8, scorer.score(withTq).score(), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void babelCostFollowsBabelsOwnEtxScale() {
        assertEquals(1.0, scorer.score(LinkMetrics.ofBabelCost(96)).score(), 1e-12, "a wired hop");
        assertEquals(1.0, scorer.score(LinkMetrics.ofBabelCost(256)).score(), 1e-12, "one transmission");
        assertEquals(0.5, scorer.score(LinkMetrics.ofBabelCost(512)).score(), 1e-12, "ETX 2");
        assertEquals(2.0, scorer.score(LinkMetrics.ofBabelCost(512)).cost(), 1e-12);
        assertTrue(Double.isInfinite(scorer.score(LinkMetrics.ofBabelCost(LinkMetrics.BABEL_INFINITY)).cost()));
        assertThrows(IllegalArgumentException.class, () -> LinkMetrics.ofBabelCost(70_000));
    }
}
