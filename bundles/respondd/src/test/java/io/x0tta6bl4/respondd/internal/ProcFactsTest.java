package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFactsTest {

    @Test
    void readsUptimeLoadProcessesAndMemoryAsGluonReportsThem(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("uptime"), "3605.12 7020.44\n");
        Files.writeString(proc.resolve("loadavg"), "0.47 0.31 0.20 2/187 4242\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:        2030424 kB\nMemFree:          812344 kB\n"
                + "MemAvailable:    1500000 kB\nBuffers:           30000 kB\nCached:           600000 kB\nSwapTotal: 0 kB\n");
        Map<String, Object> s = ProcFacts.statistics(proc);
        assertEquals(3605.12, s.get("uptime"));
        assertEquals(7020.44, s.get("idletime"));
        assertEquals(0.47, s.get("loadavg"));
        assertEquals(Map.of("total", 187L, "running", 2L), s.get("processes"));
        assertEquals(Map.of("total", 2030424L, "free", 812344L, "available", 1500000L, "buffers", 30000L,
                "cached", 600000L), s.get("memory"));
    }

    @Test
    void filesNotInTheirFormatLeaveTheirKeysOut(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("uptime"), "soon");
        Files.writeString(proc.resolve("loadavg"), "1e9 x y 9999999999/1");
        Map<String, Object> out = new LinkedHashMap<>();
        ProcFacts.uptime("soon", out);
        assertTrue(ProcFacts.statistics(proc).isEmpty(), ProcFacts.statistics(proc).toString());
    }
}
