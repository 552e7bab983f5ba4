package io.x0tta6bl4.ebpf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import io.x0tta6bl4.support.testing.Waits;

/**
 * The service without a program in the kernel (load.on.start=false, no interface): the
 * lists are kept, bad MACs are refused naming them, nothing is attached, and the threads it
 * made are gone after deactivation.
 */
class EbpfManagerTest {

    /** Executors report termination just before their worker exits: wait for the exit. */
    private static List<String> threadsAfterStop() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!threads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return threads();
    }

    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("x0tta6bl4-ebpf-")).sorted().toList();
    }

    @Test
    void withoutLibbpfItDegradesSaysWhyAndKeepsWorking() throws Exception {
        System.setProperty("x0tta6bl4.ebpf.libbpf", "libx0tta6bl4-missing-bpf.so.1");
        EbpfManager g = new EbpfManager();
        try {
            g.activate(Map.of("interfaces", "eth-none"));
            Waits.until("the guard degraded", Duration.ofSeconds(10), () -> g.status().startsWith("degraded"),
                    g::status);
            assertTrue(g.status().contains("libbpf1"), g.status());
            // the validator falls back to the built-in helper list and says why
            assertEquals(io.x0tta6bl4.ebpf.internal.validate.HelperSet.Origin.BUILT_IN, g.helpers().origin());
            assertTrue(g.helpers().source().contains("libbpf1"), g.helpers().source());
            g.quarantine("02:00:00:00:00:0b", null);
            assertEquals(Set.of("02:00:00:00:00:0b"), g.quarantined());
            assertEquals(List.of(), g.interfaces());
            Exception e = assertThrows(Exception.class, () -> g.attach("eth-none"));
            assertTrue(e.getMessage().contains("libbpf1"), e.getMessage());
        } finally {
            System.clearProperty("x0tta6bl4.ebpf.libbpf");
            g.deactivate();
        }
        assertEquals(List.of(), threadsAfterStop());
    }

    @Test
    void keepsListsWithoutAProgramAndStopsItsThreads() throws Exception {
        EbpfManager g = new EbpfManager();
        g.activate(Map.of("load.on.start", "false", "allowed", "02:00:00:00:00:01"));
        try {
            g.quarantine("02:00:00:00:00:0A", "test");
            assertEquals(Set.of("02:00:00:00:00:0a"), g.quarantined());
            assertEquals(Map.of("02:00:00:00:00:0a", "test"), g.quarantineReasons());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.quarantine("nope", null));
            assertTrue(e.getMessage().contains("'nope'"));
            assertThrows(IllegalArgumentException.class, () -> g.allow("02:00:00:00:00"));
            g.allow("02:00:00:00:00:02");
            assertEquals(Set.of("02:00:00:00:00:01", "02:00:00:00:00:02"), g.allowed());
            assertTrue(g.disallow("02:00:00:00:00:02"));
            assertFalse(g.disallow("02:00:00:00:00:02"));
            g.setEnforcing(true);
            assertTrue(g.enforcing());
            assertTrue(g.release("02:00:00:00:00:0a"));
            assertFalse(g.release("02:00:00:00:00:0a"));
            assertEquals(List.of(), g.interfaces());
            assertEquals(Map.of(), g.counters());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (g.status().equals("starting") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(g.status().startsWith("not loaded") || g.status().startsWith("degraded"), g.status());
            assertEquals(List.of("x0tta6bl4-ebpf-health", "x0tta6bl4-ebpf-kernel"), threads());
        } finally {
            g.deactivate();
        }
        assertEquals(List.of(), threadsAfterStop());
    }

    @Test
    void theListsEnforcementAndShellAttachmentsOutliveTheComponent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve(GuardState.FILE);
        EbpfManager first = new EbpfManager();
        first.keepStateIn(file, null);
        first.activate(Map.of("load.on.start", "false"));
        try {
            first.quarantine("02:00:00:00:00:0a", "incident 4");
            first.allow("02:00:00:00:00:01");
            first.setEnforcing(true);
            first.flush();
        } finally {
            first.deactivate();
        }
        EbpfManager second = new EbpfManager();
        second.keepStateIn(file, null);
        second.activate(Map.of("load.on.start", "false", "enforce", "false"));
        try {
            second.flush();
            assertEquals(Map.of("02:00:00:00:00:0a", "incident 4"), second.quarantineReasons());
            assertEquals(Set.of("02:00:00:00:00:01"), second.allowed());
            assertTrue(second.enforcing(), "enforcement set at runtime survives; the configuration applies at its next change");
            assertTrue(second.release("02:00:00:00:00:0a"));
            second.flush();
        } finally {
            second.deactivate();
        }
        GuardState saved = GuardState.load(file, m -> { });
        assertEquals(Map.of(), saved.quarantine());
        assertEquals(List.of(), saved.attached());
    }

    @Test
    void aDamagedStateEntryIsSkippedWithOneWarningEach(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve(GuardState.FILE);
        java.nio.file.Files.writeString(file, String.join("\n", "quarantine.02\\:00\\:00\\:00\\:00\\:0b=kept",
                "quarantine.zz=bad", "allowed=02:00:00:00:00:01,nope", "attached=eth0,a/b/c", "enforcing=true", ""));
        List<String> warnings = new java.util.ArrayList<>();
        GuardState s = GuardState.load(file, warnings::add);
        assertEquals(Set.of("02:00:00:00:00:0b"), s.quarantine().keySet());
        assertEquals(Set.of("02:00:00:00:00:01"), s.allowed());
        assertEquals(List.of("eth0"), s.attached());
        assertTrue(s.enforcing());
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'a/b/c'")), warnings.toString());
    }
}
