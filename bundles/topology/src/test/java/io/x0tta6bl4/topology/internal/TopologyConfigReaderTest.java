package io.x0tta6bl4.topology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopologyConfigReaderTest {

    /** A configuration other than the defaults, so "kept" and "defaulted" differ. */
    private static final TopologyConfig GOOD = new TopologyConfig(8000, 100_000, 2000, "hops", 0.1);

    private final List<String> warnings = new ArrayList<>();
    private final TopologyConfigReader reader = new TopologyConfigReader(Set.of("hops", "quality", "latency")::contains,
            warnings::add);

    private static Map<String, Object> full(Object... overrides) {
        Map<String, Object> m = new HashMap<>(Map.of("node.timeout.ms", "8000", "node.retention.ms", "100000",
                "sweep.interval.ms", "2000", "default.weigher", "hops", "link.update.threshold", "0.1"));
        for (int i = 0; i < overrides.length; i += 2) {
            m.put((String) overrides[i], overrides[i + 1]);
        }
        return m;
    }

    private void assertOneWarning(String key, String value, String rule) {
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains(key) && w.contains(value) && w.contains(rule), w);
    }

    @Test
    void noPropertiesGiveTheDefaults() {
        assertEquals(TopologyConfig.DEFAULTS, reader.read(GOOD, Map.of()));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void stringsNumbersAndWhitespaceAreRead() {
        TopologyConfig c = reader.read(TopologyConfig.DEFAULTS, Map.of("node.timeout.ms", 8000,
                "node.retention.ms", " 100000 ", "sweep.interval.ms", 2000L, "default.weigher", "hops",
                "link.update.threshold", 0.1f));
        assertEquals(new TopologyConfig(8000, 100_000, 2000, "hops", (double) 0.1f), c);
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void nonNumericTimeoutIsRefusedAndTheRestApplies() {
        TopologyConfig c = reader.read(GOOD, full("node.timeout.ms", "banana", "sweep.interval.ms", "3000"));
        assertEquals(8000, c.nodeTimeoutMs());
        assertEquals(3000, c.sweepIntervalMs());
        assertOneWarning("node.timeout.ms", "banana", "whole number");
    }

    @Test
    void timeoutBelowTheMinimumIsRefused() {
        TopologyConfig c = reader.read(GOOD, full("node.timeout.ms", "499", "sweep.interval.ms", "400"));
        assertEquals(8000, c.nodeTimeoutMs());
        assertEquals(400, c.sweepIntervalMs());
        assertOneWarning("node.timeout.ms", "499", ">= 500");
    }

    @Test
    void fractionalMillisecondsAreRefused() {
        assertEquals(GOOD, reader.read(GOOD, full("node.timeout.ms", 1500.5)));
        assertOneWarning("node.timeout.ms", "1500.5", "whole number");
    }

    @Test
    void retentionShorterThanTheTimeoutIsRefused() {
        TopologyConfig c = reader.read(GOOD, full("node.timeout.ms", "6000", "node.retention.ms", "5999"));
        assertEquals(6000, c.nodeTimeoutMs());
        assertEquals(100_000, c.nodeRetentionMs());
        assertOneWarning("node.retention.ms", "5999", ">= node.timeout.ms");
    }

    @Test
    void sweepIntervalOutOfRangeIsRefused() {
        assertEquals(GOOD, reader.read(GOOD, full("sweep.interval.ms", "99")));
        assertOneWarning("sweep.interval.ms", "99", ">= 100");
        warnings.clear();
        assertEquals(GOOD, reader.read(GOOD, full("sweep.interval.ms", "8001")));
        assertOneWarning("sweep.interval.ms", "8001", "<= node.timeout.ms");
        warnings.clear();
        assertEquals(GOOD, reader.read(GOOD, full("sweep.interval.ms", "often")));
        assertOneWarning("sweep.interval.ms", "often", "whole number");
    }

    @Test
    void unknownWeigherIsRefused() {
        assertEquals(GOOD, reader.read(GOOD, full("default.weigher", "fastest")));
        assertOneWarning("default.weigher", "fastest", "known weigher");
    }

    @Test
    void thresholdOutsideItsRangeIsRefused() {
        for (String bad : List.of("0", "-0.1", "1.01", "NaN", "lots")) {
            warnings.clear();
            assertEquals(GOOD, reader.read(GOOD, full("link.update.threshold", bad)), bad);
            assertOneWarning("link.update.threshold", bad, "> 0 and <= 1");
        }
        assertEquals(1.0, reader.read(GOOD, full("link.update.threshold", "1")).linkUpdateThreshold());
    }

    @Test
    void aTimeoutTheRetentionInForceContradictsIsRefused() {
        // 400 s timeout with the retention left at its 300 s default: the retention is refused,
        // and the retention kept (100 s) cannot go with a 400 s timeout either
        Map<String, Object> raw = full("node.timeout.ms", "400000");
        raw.remove("node.retention.ms");
        TopologyConfig c = reader.read(GOOD, raw);
        assertEquals(8000, c.nodeTimeoutMs());
        assertEquals(300_000, c.nodeRetentionMs(), "the default retention is fine with the timeout kept");
        assertOneWarning("node.timeout.ms", "400000", "node.retention.ms");
    }

    @Test
    void aLongerTimeoutWithAMatchingRetentionApplies() {
        TopologyConfig c = reader.read(GOOD, full("node.timeout.ms", "400000", "node.retention.ms", "400000"));
        assertEquals(400_000, c.nodeTimeoutMs());
        assertEquals(400_000, c.nodeRetentionMs());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void everyConfigurationReadSatisfiesTheRules() {
        String[] values = {"1", "99", "100", "499", "500", "5000", "8001", "300000", "x", "0.5"};
        for (String t : values) {
            for (String r : values) {
                for (String s : values) {
                    TopologyConfig c = reader.read(GOOD, full("node.timeout.ms", t, "node.retention.ms", r,
                            "sweep.interval.ms", s));
                    String at = t + "/" + r + "/" + s + " -> " + c;
                    assertTrue(c.nodeTimeoutMs() >= 500, at);
                    assertTrue(c.nodeRetentionMs() >= c.nodeTimeoutMs(), at);
                    assertTrue(c.sweepIntervalMs() >= 100 && c.sweepIntervalMs() <= c.nodeTimeoutMs(), at);
                }
            }
        }
    }
}
