package io.x0tta6bl4.support.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    private final List<String> warnings = new ArrayList<>();

    private ConfigValues of(Map<String, ?> raw) {
        return new ConfigValues(raw, warnings::add);
    }

    @Test
    void anAbsentOrBlankValueTakesItsDefaultButBlankTextIsAValue() {
        ConfigValues c = of(Map.of("n", " ", "s", " "));
        assertEquals(5, c.whole("n", 5, 0, 10, 7));
        assertEquals(5, c.whole("missing", 5, 0, 10, 7));
        assertEquals("", c.string("s", "default"));
        assertEquals("default", c.string("missing", "default"));
        assertEquals(List.of(), c.parsed("s", List.of("x"), List.of("y"), "must be a list",
                v -> Optional.of(ConfigValues.items(v))));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aBadValueIsOneLineNamingKeyValueAndRuleAndKeepsTheLastGood() {
        ConfigValues c = of(Map.of("port", "70000", "on", "yes", "x", "2.5", "share", "NaN"));
        assertEquals(9443, c.whole("port", 7443, 0, 65535, 9443));
        assertTrue(c.bool("on", false, true));
        assertEquals(3, c.whole("x", 1, 3, n -> true, "must be a whole number"));
        assertEquals(0.5, c.number("share", 1, 0.5, d -> d > 0, "must be a number > 0"));
        assertEquals(List.of(
                "Refused port=70000: must be a whole number within 0..65535; keeping port=9443",
                "Refused on=yes: must be true or false; keeping on=true",
                "Refused x=2.5: must be a whole number; keeping x=3",
                "Refused share=NaN: must be a number > 0; keeping share=0.5"), warnings);
    }

    @Test
    void typedValuesFromConfigAdminAreTakenAsTheyAre() {
        ConfigValues c = of(Map.of("n", 12, "d", 2.0, "b", Boolean.TRUE, "f", 0.25f));
        assertEquals(12, c.whole("n", 0, 0, 100, 0));
        assertEquals(2, c.whole("d", 0, 0, 100, 0));
        assertTrue(c.bool("b", false, false));
        assertEquals(0.25, c.number("f", 1, 1, v -> v < 1, "must be < 1"));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aParserThatThrowsIsARefusalNotACrash() {
        String kept = of(Map.of("k", "boom")).parsed("k", "a", "b", "must parse", v -> {
            throw new IllegalArgumentException("no");
        });
        assertEquals("b", kept);
        assertEquals(List.of("Refused k=boom: must parse; keeping k=b"), warnings);
    }

    @Test
    void listsComeAsStringsArraysOrCollections() {
        assertEquals(List.of("a", "b", "c"), ConfigValues.items(" a, ,b,c "));
        assertEquals(List.of("a", "b", "c"), ConfigValues.items(new String[] {"a,b", " c"}));
        assertEquals(List.of("1", "2"), ConfigValues.items(List.of(1, 2)));
        assertEquals(List.of(), ConfigValues.items(null));
        of(Map.of()).refuse("list", new String[] {"a", "b"}, "must be short", List.of("c", "d"));
        assertEquals(List.of("Refused list=[a, b]: must be short; keeping list=c,d"), warnings);
        assertFalse(ConfigValues.integer(true).isPresent());
    }
}
