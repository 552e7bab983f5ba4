package org.example.mesh.diskguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x0tta6bl4.api.event.Severity;

import org.junit.jupiter.api.Test;

class DiskSpaceCheckTest {

    @Test
    void severityFollowsTheLimit() {
        assertTrue(DiskSpaceCheck.severity(50, 5).isEmpty());
        assertEquals("WARNING", DiskSpaceCheck.severity(4, 5).orElseThrow().name());
        assertEquals("CRITICAL", DiskSpaceCheck.severity(2, 5).orElseThrow().name());
    }

    @Test
    void healthEventCarriesTheContractKeys() {
        var e = DiskSpaceCheck.event("/var", Severity.WARNING, 3.0, 5.0, 42L).toEvent();
        assertEquals("x0tta6bl4/health/disk/DISK_LOW", e.getTopic());
        assertEquals("/var", e.getProperty("subject"));
        assertEquals("WARNING", e.getProperty("severity"));
        assertEquals(42L, e.getProperty("timestamp"));
        assertEquals(3.0, e.getProperty("value"));
    }

    @Test
    void badSettingsAreRefusedWithTheKey() {
        StringBuilder error = new StringBuilder();
        PluginConfig bad = config("/", 150, 30);
        assertTrue(DiskSpaceCheck.Settings.of(bad, error).isEmpty());
        assertTrue(error.toString().startsWith("check.min.free.percent 150.0"), error.toString());
        assertTrue(DiskSpaceCheck.Settings.of(config("/", 5, 10), new StringBuilder()).isPresent());
    }

    private static PluginConfig config(String path, double percent, int interval) {
        return new PluginConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return PluginConfig.class;
            }

            @Override
            public String check_path() {
                return path;
            }

            @Override
            public double check_min_free_percent() {
                return percent;
            }

            @Override
            public int check_interval_seconds() {
                return interval;
            }

            @Override
            public String purge_directory() {
                return "";
            }

            @Override
            public long purge_min_age_minutes() {
                return 60;
            }
        };
    }
}
