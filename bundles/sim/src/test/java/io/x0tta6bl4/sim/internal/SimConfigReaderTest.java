package io.x0tta6bl4.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimConfigReaderTest {

    /** Differs from the defaults on every key, so "kept last good" cannot pass by accident. */
    private static final SimConfig LAST_GOOD = new SimConfig(MeshShape.GRID, 12, 7, 500, 0.2);

    private final List<String> warnings = new ArrayList<>();
    private final SimConfigReader reader = new SimConfigReader(warnings::add);

    @Test
    void missingKeysTakeDefaults() {
        assertEquals(SimConfig.DEFAULTS, reader.read(Map.of(), LAST_GOOD));
        assertEquals(SimConfig.DEFAULTS, reader.read(null, LAST_GOOD));
        assertEquals(SimConfig.DEFAULTS, reader.read(Map.of("size", " "), LAST_GOOD));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void stringsFromCfgFilesAndTypedValuesAreAccepted() {
        SimConfig fromStrings = reader.read(Map.of("shape", " Ring ", "size", "12", "seed", "-3",
                "interval.ms", "100", "jitter", "0.5"), SimConfig.DEFAULTS);
        assertEquals(new SimConfig(MeshShape.RING, 12, -3, 100, 0.5), fromStrings);
        SimConfig typed = reader.read(Map.of("shape", "line", "size", 2000, "seed", 9L,
                "interval.ms", 60_000, "jitter", 0), SimConfig.DEFAULTS);
        assertEquals(new SimConfig(MeshShape.LINE, 2000, 9, 60_000, 0), typed);
        assertEquals(30, reader.read(Map.of("size", 30.0), SimConfig.DEFAULTS).size());
        assertTrue(warnings.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "shape|star|must be one of line, ring, grid, random|keeping shape=grid",
        "size|1|must be an integer within 2..10000|keeping size=12",
        "size|10001|must be an integer within 2..10000|keeping size=12",
        "size|abc|must be an integer within 2..10000|keeping size=12",
        "size|2.5|must be an integer within 2..10000|keeping size=12",
        "seed|0x2a|must be a 64-bit integer|keeping seed=7",
        "seed|99999999999999999999|must be a 64-bit integer|keeping seed=7",
        "interval.ms|99|within 100..60000|keeping interval.ms=500",
        "interval.ms|60001|within 100..60000|keeping interval.ms=500",
        "interval.ms|fast|within 100..60000|keeping interval.ms=500",
        "jitter|-0.1|must be a number within 0..0.5|keeping jitter=0.2",
        "jitter|0.51|must be a number within 0..0.5|keeping jitter=0.2",
        "jitter|NaN|must be a number within 0..0.5|keeping jitter=0.2",
        "jitter|lots|must be a number within 0..0.5|keeping jitter=0.2",
    })
    void badValueIsRefusedWithOneLineAndLastGoodKept(String key, String value, String rule, String kept) {
        Map<String, Object> properties = new HashMap<>(Map.of("shape", "grid", "size", "12", "seed", "7",
                "interval.ms", "500", "jitter", "0.2"));
        properties.put(key, value);
        SimConfig result = reader.read(properties, LAST_GOOD);
        assertEquals(LAST_GOOD, result);
        assertEquals(1, warnings.size(), warnings.toString());
        String line = warnings.get(0);
        assertTrue(line.contains(key + "=" + value), line);
        assertTrue(line.contains(rule), line);
        assertTrue(line.contains(kept), line);
    }

    @Test
    void aCenterPutsTheMeshOnTheMapAndABadOneKeepsTheLastGood() {
        SimConfig placed = reader.read(Map.of("location.center", " 53.08, 8.80 "), SimConfig.DEFAULTS);
        assertEquals(new SimConfig.Location(53.08, 8.80), placed.center());
        assertTrue(warnings.isEmpty(), warnings.toString());
        for (String bad : new String[] {"53.08", "north,8.8", "95,8.8", "53,181", "1,2,3"}) {
            assertEquals(placed.center(), reader.read(Map.of("location.center", bad), placed).center(), bad);
        }
        assertEquals(5, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Refused location.center=53.08: must be 'latitude,longitude'"), warnings.get(0));
        assertNull(reader.read(Map.of("location.center", ""), placed).center(), "empty: no locations");
    }

    @Test
    void goodKeysApplyWhileBadOnesAreRefused() {
        SimConfig result = reader.read(Map.of("shape", "line", "size", "0", "jitter", "0.3",
                "interval.ms", 50, "seed", Boolean.TRUE), LAST_GOOD);
        assertEquals(new SimConfig(MeshShape.LINE, 12, 7, 500, 0.3), result);
        assertEquals(3, warnings.size(), warnings.toString());
    }

    @Test
    void typedNumbersOutOfRangeAreRefused() {
        SimConfig result = reader.read(Map.of("size", 50_000, "jitter", 1.0, "interval.ms", 10L), LAST_GOOD);
        assertEquals(12, result.size());
        assertEquals(0.2, result.jitter());
        assertEquals(500, result.intervalMs());
        assertEquals(3, warnings.size());
    }

    @Test
    void churnIsAFractionOfLinks() {
        assertEquals(0.25, reader.read(Map.of("churn", "0.25"), LAST_GOOD).churn());
        assertEquals(1.0, reader.read(Map.of(), LAST_GOOD).churn(), "every link by default");
        SimConfig refused = reader.read(Map.of("churn", "1.5"), LAST_GOOD);
        assertEquals(LAST_GOOD.churn(), refused.churn());
        assertEquals(List.of("Refused churn=1.5: must be a number within 0..1; keeping churn=1.0"), warnings);
    }
}
