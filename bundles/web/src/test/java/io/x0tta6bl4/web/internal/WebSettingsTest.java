package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebSettingsTest {

    @Test
    void readsGoodValues() {
        List<String> warnings = new ArrayList<>();
        WebSettings s = WebSettings.read(WebSettings.DEFAULTS, Map.of("auth.realm", "mesh", "auth.write.role", "ops",
                "auth.sensitive.reads", "false", "ready.identity", Boolean.FALSE), warnings::add);
        assertEquals(new WebSettings("mesh", "ops", "viewer", false, false), s);
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aBadValueIsRefusedWithOneLineAndTheLastGoodOneKept() {
        List<String> warnings = new ArrayList<>();
        WebSettings last = new WebSettings("mesh", "ops", "viewer", false, true);
        WebSettings s = WebSettings.read(last, Map.of("auth.write.role", "two words", "ready.identity", "maybe"),
                warnings::add);
        assertEquals(last, s);
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("auth.write.role") && warnings.get(0).contains("two words")
                && warnings.get(0).contains("keeping 'ops'"), warnings.get(0));
        assertTrue(warnings.get(1).contains("ready.identity = 'maybe'"), warnings.get(1));
    }
}
