package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RespondConfigTest {

    @Test
    void goodValuesApply() {
        RespondConfig c = RespondConfig.read(RespondConfig.DEFAULTS, Map.of("interface", "mesh0", "port", "11001",
                "allow.sources", "fd00::/64, 10.0.0.0/8", "location.latitude", "53.07", "location.longitude", "8.8",
                "node.id", "02000000000a"), line -> { });
        assertEquals("mesh0", c.iface());
        assertEquals(11001, c.port());
        assertEquals("[fd00:0:0:0:0:0:0:0/64, 10.0.0.0/8]", c.allowSources().toString());
        assertEquals(53.07, c.latitude());
        assertEquals("02000000000a", c.nodeId());
    }

    @Test
    void aBadValueIsRefusedWithOneLineAndTheLastGoodOneStays() {
        List<String> lines = new ArrayList<>();
        RespondConfig c = RespondConfig.read(RespondConfig.DEFAULTS, Map.of("port", "70000",
                "groups", "ff02::2,2001:db8::1", "allow.sources", "example.org/8", "node.id", "02:00:00:00:00:0a",
                "location.latitude", "53.07"), lines::add);
        assertEquals(1001, c.port());
        assertEquals(RespondConfig.DEFAULTS.groups(), c.groups());
        assertTrue(c.allowSources().isEmpty());
        assertEquals("", c.nodeId());
        assertNull(c.latitude(), "a latitude without a longitude is refused");
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Refused "), lines.get(0));
    }
}
