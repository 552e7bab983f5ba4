package io.x0tta6bl4.ebpf.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mesh_guard in the real kernel through libbpf: load, map operations, BPF_PROG_TEST_RUN
 * on the pass, quarantine and enforcement paths, a refused program's verifier log.
 * Skips, saying why, where there is no libbpf or no permission to load BPF.
 */
class KernelLoaderTest {

    static final byte[] PEER = {2, 0, 0, 0, 0, 0x0a};
    static final byte[] OTHER = {2, 0, 0, 0, 0, 0x0b};
    static Libbpf lib;
    static BpfObject guard;

    static byte[] resource(String name) throws Exception {
        try (InputStream in = KernelLoaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void load() throws Exception {
        lib = Libbpf.load();
        if (!lib.available()) {
            System.out.println("SKIP kernel tests: " + lib.unavailableReason());
        }
        Assumptions.assumeTrue(lib.available(), "libbpf unavailable");
        try {
            guard = BpfObject.load(lib, "mesh_guard", resource("/bpf/mesh_guard.o"));
        } catch (BpfException e) {
            System.out.println("SKIP kernel tests: cannot load BPF here: " + e.getMessage());
            Assumptions.abort("cannot load BPF: " + e.getMessage());
        }
    }

    @AfterAll
    static void close() {
        if (guard != null) {
            guard.close();
        }
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    @Test
    void passQuarantineAndEnforcementPaths() throws Exception {
        BpfProgram p = guard.program("mesh_guard").orElseThrow();
        BpfMap quarantine = guard.map("quarantine").orElseThrow();
        BpfMap allowed = guard.map("allowed").orElseThrow();
        BpfMap config = guard.map("guard_config").orElseThrow();
        assertEquals(2, p.testRun(Packets.icmp(PEER), 1).retval(), "pass");
        quarantine.update(PEER, u32(1), BpfMap.BPF_ANY);
        assertEquals(1, p.testRun(Packets.icmp(PEER), 1).retval(), "quarantined source dropped");
        assertEquals(1, p.testRun(Packets.arp(PEER), 1).retval(), "quarantine wins over the exemption");
        assertEquals(2, p.testRun(Packets.icmp(OTHER), 1).retval(), "others pass");
        assertTrue(quarantine.delete(PEER));
        assertFalse(quarantine.delete(PEER));
        assertEquals(2, p.testRun(Packets.icmp(PEER), 1).retval(), "released");

        config.update(u32(0), ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(1).putInt(8443).array(),
                BpfMap.BPF_ANY);
        allowed.update(PEER, u32(1), BpfMap.BPF_ANY);
        assertEquals(2, p.testRun(Packets.icmp(PEER), 1).retval(), "allowed passes");
        assertEquals(1, p.testRun(Packets.icmp(OTHER), 1).retval(), "unlisted dropped");
        assertEquals(2, p.testRun(Packets.arp(OTHER), 1).retval(), "ARP exempt");
        assertEquals(2, p.testRun(Packets.tcp(OTHER, 8443), 1).retval(), "attestation port exempt");
        assertEquals(1, p.testRun(Packets.tcp(OTHER, 22), 1).retval(), "other TCP dropped");
        config.update(u32(0), new byte[8], BpfMap.BPF_ANY);
        allowed.delete(PEER);

        BpfMap stats = guard.map("peer_stats").orElseThrow();
        List<byte[]> keys = stats.keys();
        assertTrue(keys.stream().anyMatch(k -> java.util.Arrays.equals(k, PEER)));
        byte[] v = stats.lookup(PEER).orElseThrow();
        assertEquals(stats.cpus() * 24, v.length);
        long packets = 0;
        long dropped = 0;
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
        for (int c = 0; c < stats.cpus(); c++) {
            packets += b.getLong(c * 24);
            dropped += b.getLong(c * 24 + 16);
        }
        assertEquals(5, packets);
        assertEquals(2, dropped);
    }

    @Test
    void repeatedRunsReportADuration() throws Exception {
        TestRun r = guard.program("mesh_guard").orElseThrow().testRun(Packets.icmp(new byte[] {2, 0, 0, 0, 0, 0x0c}),
                10_000);
        assertEquals(2, r.retval());
        assertTrue(r.durationNs() > 0 && r.durationNs() < 100_000, "duration " + r.durationNs());
    }

    @Test
    void refusedProgramCarriesTheVerifierLog() throws Exception {
        // a program the validator passes (it tracks no values) that the verifier refuses, saying why
        byte[] elf = resource("/bpf/mesh_guard.o");
        byte[] bad = elf.clone();
        io.x0tta6bl4.ebpf.internal.elf.ProgramSection xdp = io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile.parse(elf)
                .programs().get(0);
        int fileOffset = (int) io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile.parse(elf).sections()
                .get(xdp.sectionIndex()).offset();
        // replace the first instruction with "r0 = *(u64 *)(r1 + 4096)": an out-of-bounds context read
        byte[] insn = {0x79, 0x10, 0x00, 0x10, 0, 0, 0, 0};
        System.arraycopy(insn, 0, bad, fileOffset, 8);
        BpfException e = assertThrows(BpfException.class, () -> BpfObject.load(lib, "bad", bad));
        assertNotNull(e.verifierLog(), e.getMessage());
        assertTrue(e.verifierLog().contains("invalid bpf_context access"), e.verifierLog());
    }

    @Test
    void namespaceThreadRefusesAMissingNamespace() throws Exception {
        KernelThread t = new KernelThread(lib, "x0-no-such-ns", "x0tta6bl4-ebpf-test");
        try {
            Exception e = assertThrows(Exception.class, () -> t.submit(() -> 1).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("x0-no-such-ns"), e.getCause().getMessage());
        } finally {
            t.stop(1000);
        }
        assertThrows(IllegalArgumentException.class, () -> new KernelThread(lib, "../etc", "x"));
    }
}
