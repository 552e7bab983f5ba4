package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebConfigTest {

    @Test
    void readsGoodValues() {
        List<String> warnings = new ArrayList<>();
        WebConfig s = WebConfig.read(WebConfig.DEFAULTS, Map.of("auth.realm", "mesh", "auth.write.role", "ops",
                "auth.sensitive.reads", "false", "ready.identity", Boolean.FALSE), warnings::add);
        assertEquals(new WebConfig("mesh", "ops", "viewer", false, false, 10_000, "", ""), s);
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aBadValueIsRefusedWithOneLineAndTheLastGoodOneKept() {
        List<String> warnings = new ArrayList<>();
        WebConfig last = new WebConfig("mesh", "ops", "viewer", false, true, 500, "", "");
        WebConfig s = WebConfig.read(last, Map.of("auth.realm", "mesh", "auth.write.role", "two words",
                "auth.sensitive.reads", "false", "ready.identity", "maybe", "metrics.series.max", "-1"), warnings::add);
        assertEquals(last, s);
        assertEquals(List.of("Refused auth.write.role=two words: must be 1-64 letters, digits, '_', '.' or '-';"
                + " keeping auth.write.role=ops", "Refused ready.identity=maybe: must be true or false;"
                + " keeping ready.identity=true", "Refused metrics.series.max=-1: must be a whole number within 0..1000000;"
                + " keeping metrics.series.max=500"), warnings);
    }

    @Test
    void mapTilesAreAnHttpTemplateNamingZxyAndTheAttributionPlainText() {
        List<String> warnings = new ArrayList<>();
        String osm = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
        WebConfig good = WebConfig.read(WebConfig.DEFAULTS, Map.of("map.tiles", osm,
                "map.attribution", "(c) OpenStreetMap contributors"), warnings::add);
        assertEquals(osm, good.mapTiles());
        assertEquals("(c) OpenStreetMap contributors", good.mapAttribution());
        assertTrue(warnings.isEmpty(), warnings.toString());

        for (String bad : List.of("javascript:alert(1)//{z}{x}{y}", "https://tiles.example/{z}/{x}.png",
                "https://tiles.example/{z}/{x}/{y}.png\" onerror=\"x", "file:///etc/{z}/{x}/{y}")) {
            warnings.clear();
            assertEquals(osm, WebConfig.read(good, Map.of("map.tiles", bad, "map.attribution", good.mapAttribution()),
                    warnings::add).mapTiles(), bad);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("Refused map.tiles="), warnings.get(0));
        }
        warnings.clear();
        assertEquals("(c) OpenStreetMap contributors", WebConfig.read(good, Map.of("map.tiles", osm,
                "map.attribution", "line\nbreak"), warnings::add).mapAttribution());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void aKeyRemovedFromTheConfigurationTakesItsDefaultAgain() {
        WebConfig last = new WebConfig("mesh", "ops", "viewer", false, true, 500, "", "");
        assertEquals(WebConfig.DEFAULTS, WebConfig.read(last, Map.of(), w -> { }));
    }
}
