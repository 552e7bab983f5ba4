package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BatmanConfigReaderTest {

    private final List<String> warnings = new ArrayList<>();
    private final BatmanConfigReader reader = new BatmanConfigReader(warnings::add);

    @Test
    void defaultsAndGoodValues() {
        assertEquals(BatmanConfig.DEFAULTS, reader.read(Map.of(), BatmanConfig.DEFAULTS));
        BatmanConfig c = reader.read(Map.of("backend", "batctl", "poll.interval.ms", "500", "down.after.ms", 3000,
                "hard.interfaces", "eth1, wlan0", "routing.algorithm", "BATMAN_V"), BatmanConfig.DEFAULTS);
        assertEquals("batctl", c.backend());
        assertEquals(500, c.pollIntervalMs());
        assertEquals(3000, c.downAfterMs());
        assertEquals(List.of("eth1", "wlan0"), c.hardInterfaces());
        assertEquals("BATMAN_V", c.routingAlgorithm());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void aBadValueKeepsTheLastGoodOneAndSaysWhy() {
        BatmanConfig last = reader.read(Map.of("down.after.ms", "3000"), BatmanConfig.DEFAULTS);
        BatmanConfig c = reader.read(Map.of("down.after.ms", "250000", "backend", "ioctl", "mesh.interface", "bat 0"), last);
        assertEquals(3000, c.downAfterMs());
        assertEquals("netlink", c.backend());
        assertEquals("bat0", c.meshInterface());
        assertEquals(3, warnings.size());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("down.after.ms=250000")
                && w.contains("keeping down.after.ms=3000")), warnings.toString());
    }

    @Test
    void theFactsMaximumAgeDefaultsToSixIntervalsAndRefusesTinyValues() {
        assertEquals(60_000, BatmanConfig.DEFAULTS.factsMaxAge());
        BatmanConfig slow = reader.read(Map.of("facts.interval.ms", "30000"), BatmanConfig.DEFAULTS);
        assertEquals(180_000, slow.factsMaxAge());
        BatmanConfig set = reader.read(Map.of("facts.max.age.ms", "90000"), slow);
        assertEquals(90_000, set.factsMaxAge());
        BatmanConfig refused = reader.read(Map.of("facts.max.age.ms", "100"), set);
        assertEquals(90_000, refused.factsMaxAge());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("Refused facts.max.age.ms=100: "), warnings.toString());
        assertTrue(warnings.get(0).endsWith("keeping facts.max.age.ms=90000"), warnings.toString());
    }
}
