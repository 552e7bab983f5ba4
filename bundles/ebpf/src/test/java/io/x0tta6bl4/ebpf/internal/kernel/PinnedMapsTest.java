package io.x0tta6bl4.ebpf.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mesh_guard's maps pinned in bpffs outlive the object that made them: a second load reuses
 * them with their contents, as the next bundle revision does after an update. Skips, saying
 * why, without libbpf, BPF permission or a bpffs at /sys/fs/bpf.
 */
class PinnedMapsTest {

    private Libbpf lib;
    private Path pins;

    @BeforeEach
    void bpffs() throws Exception {
        lib = Libbpf.load();
        String why = !lib.available() ? lib.unavailableReason()
                : !Files.isWritable(Path.of("/sys/fs/bpf")) ? "no writable bpffs at /sys/fs/bpf" : null;
        if (why == null) {
            pins = Path.of("/sys/fs/bpf", "x0tta6bl4-test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
            try {
                Files.createDirectories(pins);
                BpfObject.load(lib, "mesh_guard", KernelLoaderTest.resource("/bpf/mesh_guard.o"), pins).close();
            } catch (BpfException | IOException e) {
                why = "cannot load and pin BPF here: " + e.getMessage();
            }
        }
        if (why != null) {
            System.out.println("SKIP pinned map tests: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
    }

    @AfterEach
    void unpin() throws IOException {
        if (pins != null && Files.isDirectory(pins)) {
            try (var files = Files.list(pins)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(pins);
        }
    }

    @Test
    void aSecondLoadReusesThePinnedMapsWithTheirContents() throws Exception {
        byte[] elf = KernelLoaderTest.resource("/bpf/mesh_guard.o");
        try (BpfObject first = BpfObject.load(lib, "mesh_guard", elf, pins)) {
            first.map("quarantine").orElseThrow().update(KernelLoaderTest.PEER, KernelLoaderTest.u32(1), BpfMap.BPF_ANY);
        }
        for (String m : new String[] {"peer_stats", "quarantine", "allowed", "guard_config", "global_stats"}) {
            assertTrue(Files.exists(pins.resolve(m)), m + " pinned");
        }
        try (BpfObject second = BpfObject.load(lib, "mesh_guard", elf, pins)) {
            assertArrayEquals(KernelLoaderTest.u32(1),
                    second.map("quarantine").orElseThrow().lookup(KernelLoaderTest.PEER).orElseThrow());
        }
    }

    @Test
    void aPinnedMapOfAnotherLayoutFailsTheLoadWithoutAVerifierLog() throws Exception {
        byte[] elf = KernelLoaderTest.resource("/bpf/mesh_guard.o");
        // a per-CPU array pinned where the quarantine hash is expected, as a changed layout would be
        Files.delete(pins.resolve("quarantine"));
        try (BpfObject other = BpfObject.load(lib, "mesh_guard", elf, null)) {
            lib.check(lib.bpf.bpf_obj_pin(other.map("global_stats").orElseThrow().fd(),
                    pins.resolve("quarantine").toString()), "pinning");
        }
        BpfException e = assertThrows(BpfException.class, () -> BpfObject.load(lib, "mesh_guard", elf, pins));
        assertNull(e.verifierLog(), "the program itself was not refused: " + e.getMessage());
    }
}
