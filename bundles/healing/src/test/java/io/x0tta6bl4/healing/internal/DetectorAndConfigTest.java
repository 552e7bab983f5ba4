package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;

import org.junit.jupiter.api.Test;

/** The built-in anomaly detector and the configuration reader. */
class DetectorAndConfigTest {

    @Test
    void aLatencySpikeOnANoisyLinkIsAnAnomalyAndTheNoiseIsNot() {
        RobustZDetector d = new RobustZDetector(3.5, 0.2, 20);
        Random r = new Random(7);
        int flagged = 0;
        for (int i = 0; i < 500; i++) {
            if (d.observe("a->b", AnomalyDetector.LATENCY, 20 + r.nextGaussian() * 2, i).isPresent()) {
                flagged++;
            }
        }
        assertTrue(flagged <= 3, "noise flagged " + flagged + " times of 500");
        Optional<Anomaly> spike = d.observe("a->b", AnomalyDetector.LATENCY, 80, 500);
        assertTrue(spike.isPresent());
        assertEquals(20, spike.get().baseline(), 2);
        assertTrue(spike.get().score() > 3.5);
        assertTrue(d.observe("a->b", AnomalyDetector.LATENCY, 85, 501).isPresent(), "a link that stays bad stays flagged");
    }

    @Test
    void onlyTheHarmfulDirectionCounts() {
        RobustZDetector d = new RobustZDetector(3.5, 0.2, 10);
        Random r = new Random(3);
        for (int i = 0; i < 100; i++) {
            d.observe("a->b", AnomalyDetector.QUALITY, 0.8 + r.nextGaussian() * 0.01, i);
            d.observe("a->b", AnomalyDetector.LATENCY, 20 + r.nextGaussian(), i);
        }
        assertTrue(d.observe("a->b", AnomalyDetector.QUALITY, 0.99, 100).isEmpty(), "better quality is no anomaly");
        assertTrue(d.observe("a->b", AnomalyDetector.LATENCY, 1, 100).isEmpty(), "lower latency is no anomaly");
        assertTrue(d.observe("a->b", AnomalyDetector.QUALITY, 0.3, 101).isPresent());
    }

    @Test
    void nothingIsFlaggedDuringWarmUpAndForgetStartsOver() {
        RobustZDetector d = new RobustZDetector(3.5, 0.2, 20);
        for (int i = 0; i < 10; i++) {
            d.observe("a->b", AnomalyDetector.LOSS, 0.01, i);
        }
        assertTrue(d.observe("a->b", AnomalyDetector.LOSS, 0.9, 11).isEmpty(), "still warming up");
        d.forget("a->b");
        assertTrue(d.observe("a->b", AnomalyDetector.LOSS, 0.9, 12).isEmpty());
    }

    @Test
    void forgettingALinkDropsEveryMetricOfItAndNothingElse() {
        RobustZDetector d = new RobustZDetector(3.5, 0.2, 10);
        for (int n = 0; n < 1000; n++) {
            for (String metric : List.of(AnomalyDetector.QUALITY, AnomalyDetector.LATENCY, AnomalyDetector.LOSS)) {
                d.observe("n" + n + "->n" + (n + 1), metric, 0.5, 0);
            }
        }
        assertEquals(3000, d.seriesCount());
        for (int n = 0; n < 1000; n += 2) {
            d.forget("n" + n + "->n" + (n + 1));
        }
        d.forget("n1"); // a node name, not a link: no link's series goes with it
        assertEquals(1500, d.seriesCount());
    }

    // ------------------------------------------------------------------ configuration

    private final List<String> warnings = new ArrayList<>();
    private final HealingConfigReader reader = new HealingConfigReader(warnings::add);

    private static Map<String, Object> raw(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void absentKeysTakeTheirDefaults() {
        assertEquals(HealingConfig.DEFAULTS, reader.read(HealingConfig.DEFAULTS, Map.of()));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void aBadValueIsRefusedWithOneLineAndTheLastGoodValueStays() {
        HealingConfig good = reader.read(HealingConfig.DEFAULTS, raw("verify.delay.ms", "3000", "queue.capacity", 500));
        assertEquals(3000, good.verifyDelayMs());
        HealingConfig after = reader.read(good, raw("verify.delay.ms", "soon", "queue.capacity", "600"));
        assertEquals(3000, after.verifyDelayMs());
        assertEquals(600, after.queueCapacity(), "the valid key of the same update applies");
        assertEquals(List.of("Refused verify.delay.ms=soon: must be a whole number of milliseconds >= 0 and <= 600000;"
                + " keeping verify.delay.ms=3000"), warnings);
    }

    @Test
    void rulesAreChecked() {
        HealingConfig c = reader.read(HealingConfig.DEFAULTS, raw("partition.share", "1.5", "damping.suppress", "500",
                "damping.reuse", "750", "backoff.max.ms", "10", "dry.run", "maybe", "notify.uri", "nowhere",
                "anomaly.alpha", "0", "policy.NODE_DOWN", "Bad Name", "queue.capacity", "3"));
        assertEquals(HealingConfig.DEFAULTS, c);
        assertEquals(8, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Refused damping.suppress/damping.reuse=500.0/750.0")));
    }

    @Test
    void policiesReplaceTheDefaultOfTheirKindAndApprovalListsParse() {
        HealingConfig c = reader.read(HealingConfig.DEFAULTS, raw("policy.NODE_DOWN", "restart-bundle, notify",
                "policy.CUSTOM", "my-action", "approval.actions", "quarantine, reroute", "dry.run", true,
                "notify.uri", "https://hooks.example/x"));
        assertEquals(List.of("restart-bundle", "notify"), c.policy("NODE_DOWN"));
        assertEquals(List.of("my-action"), c.policy("CUSTOM"));
        assertEquals(List.of("notify"), c.policy("UNKNOWN_KIND"), "the * policy");
        assertEquals(List.of("steer-link", "path-penalty", "notify"), c.policy("LINK_DEGRADED"), "other defaults stay");
        assertTrue(c.approvalActions().contains("path-penalty"), "reroute, the old name, is read as path-penalty");
        assertTrue(c.dryRun());
        assertEquals("https://hooks.example/x", c.notifyUri());
        assertEquals(List.of("action 'reroute' is now called 'path-penalty' (it steers x0tta6bl4's own path queries only);"
                + " read as that"), warnings);
    }
}
