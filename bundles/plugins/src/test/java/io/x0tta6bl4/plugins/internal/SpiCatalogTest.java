package io.x0tta6bl4.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SpiCatalogTest {

    @Test
    void namesEachExtensionPointByItsProperty() {
        Map<String, Object> props = Map.of("healing.action", "purge", "x0tta6bl4.weigher", "energy");
        assertEquals(List.of("RemediationAction purge", "LinkWeigher energy"), SpiCatalog.describe(
                new String[] {"io.x0tta6bl4.api.healing.RemediationAction", "io.x0tta6bl4.api.topology.LinkWeigher"},
                props::get));
        assertEquals(List.of("Scanner"), SpiCatalog.describe(new String[] {"io.x0tta6bl4.api.scanner.Scanner"},
                k -> null));
    }

    @Test
    void eventHandlersCountOnlyOnPlatformTopics() {
        assertEquals(List.of("EventHandler x0tta6bl4/health/*"), SpiCatalog.describe(
                new String[] {"org.osgi.service.event.EventHandler"},
                Map.<String, Object>of("event.topics", new String[] {"x0tta6bl4/health/*", "org/osgi/x"})::get));
        assertTrue(SpiCatalog.describe(new String[] {"org.osgi.service.event.EventHandler"},
                Map.<String, Object>of("event.topics", "org/apache/karaf/*")::get).isEmpty());
        assertTrue(SpiCatalog.describe(new String[] {"org.osgi.service.event.EventHandler"},
                Map.<String, Object>of("event.topics", "*")::get).isEmpty(), "a catch-all logger is no plugin");
        assertTrue(SpiCatalog.describe(new String[] {"java.lang.Runnable"}, k -> null).isEmpty());
    }

    @Test
    void coreBundlesAndApiImports() {
        assertTrue(PluginInventory.isCore("io.x0tta6bl4.healing"));
        assertFalse(PluginInventory.isCore("org.example.mesh.diskguard"));
        assertTrue(PluginInventory.importsApi("io.x0tta6bl4.api.healing;version=\"[1.0,2)\",org.slf4j"));
        assertFalse(PluginInventory.importsApi("org.slf4j;version=\"[1.7,2)\""));
    }

    @Test
    void missingRequirementsInWords() {
        assertEquals("package io.x0tta6bl4.api.nothing version>=1.0.0 !version>=2.0.0",
                Requirements.describe("osgi.wiring.package",
                        "(&(osgi.wiring.package=io.x0tta6bl4.api.nothing)(version>=1.0.0)(!(version>=2.0.0)))"));
        assertEquals("service org.osgi.service.event.EventAdmin",
                Requirements.describe("osgi.service", "(objectClass=org.osgi.service.event.EventAdmin)"));
        assertEquals("osgi.identity", Requirements.describe("osgi.identity", null));
    }
}
