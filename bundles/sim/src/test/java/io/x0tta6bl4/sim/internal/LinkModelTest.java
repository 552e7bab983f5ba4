package io.x0tta6bl4.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import io.x0tta6bl4.api.topology.LinkMetrics;

import org.junit.jupiter.api.Test;

class LinkModelTest {

    @Test
    void longerLinksAreWorseOnEveryMetric() {
        LinkMetrics near = LinkModel.base(0.2);
        LinkMetrics far = LinkModel.base(0.9);
        assertTrue(far.latencyMs() > near.latencyMs());
        assertTrue(far.throughputMbps() < near.throughputMbps());
        assertTrue(far.loss() > near.loss());
        assertTrue(far.tq() < near.tq());
    }

    @Test
    void baseMetricsArePlausibleAcrossTheRange() {
        for (double span = 0; span <= 3; span += 0.05) {
            LinkMetrics m = LinkModel.base(span);
            assertTrue(m.latencyMs() >= 1 && m.latencyMs() <= 50, "latency " + m.latencyMs());
            assertTrue(m.throughputMbps() >= 1 && m.throughputMbps() <= LinkModel.MAX_THROUGHPUT_MBPS);
            assertTrue(m.loss() > 0 && m.loss() <= 0.5, "loss " + m.loss());
            assertTrue(m.tq() > 0 && m.tq() <= 255, "tq " + m.tq());
        }
    }

    @Test
    void jitterStaysWithinItsRelativeBound() {
        Random random = new Random(1);
        for (double jitter : new double[] {0.05, 0.1, 0.5}) {
            for (double span : new double[] {0.1, 0.5, 1.0, 1.5}) {
                LinkMetrics base = LinkModel.base(span);
                boolean varied = false;
                for (int i = 0; i < 2000; i++) {
                    LinkMetrics m = LinkModel.jitter(base, jitter, random);
                    assertWithin(base.latencyMs(), m.latencyMs(), jitter, 0);
                    assertWithin(base.throughputMbps(), m.throughputMbps(), jitter, 0);
                    assertWithin(base.loss(), m.loss(), jitter, 0);
                    // TQ is rounded to an integer.
                    assertWithin(base.tq(), m.tq(), jitter, 0.5);
                    assertTrue(m.tq() >= 0 && m.tq() <= 255 && m.loss() <= 1);
                    varied |= !m.equals(base);
                }
                assertTrue(varied);
            }
        }
    }

    @Test
    void noJitterKeepsBase() {
        LinkMetrics base = LinkModel.base(0.5);
        assertEquals(base, LinkModel.jitter(base, 0, new Random(1)));
    }

    @Test
    void degradationAddsLossAndLatencyAndCapsTq() {
        LinkMetrics base = LinkModel.base(0.5);
        LinkMetrics bad = LinkModel.degrade(base, new Degradation(0.3, 100, 40));
        assertEquals(base.loss() + 0.3, bad.loss(), 1e-9);
        assertEquals(base.latencyMs() + 100, bad.latencyMs(), 1e-9);
        assertEquals(base.throughputMbps() * 0.7, bad.throughputMbps(), 1e-9);
        assertEquals(40, bad.tq());

        LinkMetrics uncapped = LinkModel.degrade(base, Degradation.defaults());
        assertEquals((int) Math.round(base.tq() * 0.7), (int) uncapped.tq());
        assertNotEquals(base, uncapped);
        assertEquals(1.0, LinkModel.degrade(base, new Degradation(1, 0, null)).loss());
    }

    @Test
    void degradationOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Degradation(1.1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(-0.1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(Double.NaN, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(0, -1, null));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(0, 60_001, null));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(0, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(0, 0, -1));
    }

    private static void assertWithin(double base, double actual, double jitter, double slack) {
        assertTrue(Math.abs(actual - base) <= base * jitter + slack + 1e-9,
                actual + " is more than " + jitter + " away from " + base);
    }
}
