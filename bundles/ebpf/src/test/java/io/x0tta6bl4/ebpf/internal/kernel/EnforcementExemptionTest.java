package io.x0tta6bl4.ebpf.internal.kernel;

import static io.x0tta6bl4.ebpf.internal.kernel.Packets.ACK;
import static io.x0tta6bl4.ebpf.internal.kernel.Packets.FIN;
import static io.x0tta6bl4.ebpf.internal.kernel.Packets.IP_MF;
import static io.x0tta6bl4.ebpf.internal.kernel.Packets.RST;
import static io.x0tta6bl4.ebpf.internal.kernel.Packets.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an unattested neighbour gets through mesh_guard under enforcement, frame by frame in
 * the real kernel (BPF_PROG_TEST_RUN): the attestation port, replies from it, ARP and
 * neighbour discovery with hop limit 255, and nothing else. Every frame here is one a hostile
 * neighbour can send. {@code -Dmesh_guard.object=<file>} runs the same cases against another
 * build of the program (an older one fails them). Skips, saying why, without libbpf or BPF
 * permission.
 */
class EnforcementExemptionTest {

    static final int ATTEST = 7443;
    static final int PASS = 2;
    static final int DROP = 1;
    static final byte[] STRANGER = {2, 0, 0, 0, 0, 0x5a};
    static final byte[] QUARANTINED = {2, 0, 0, 0, 0, 0x5b};

    static BpfObject guard;
    static BpfProgram prog;

    @BeforeAll
    static void load() throws Exception {
        Libbpf lib = Libbpf.load();
        String why = lib.available() ? null : lib.unavailableReason();
        if (why == null) {
            String file = System.getProperty("mesh_guard.object", "");
            byte[] elf = file.isEmpty() ? KernelLoaderTest.resource("/bpf/mesh_guard.o")
                    : Files.readAllBytes(Path.of(file));
            try {
                guard = BpfObject.load(lib, "mesh_guard", elf);
            } catch (BpfException e) {
                why = "cannot load BPF here: " + e.getMessage();
            }
        }
        if (why != null) {
            System.out.println("SKIP enforcement exemption tests: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        prog = guard.program("mesh_guard").orElseThrow();
        byte[] cfg = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(1).putInt(ATTEST).array();
        guard.map("guard_config").orElseThrow().update(KernelLoaderTest.u32(0), cfg, BpfMap.BPF_ANY);
        guard.map("quarantine").orElseThrow().update(QUARANTINED, KernelLoaderTest.u32(1), BpfMap.BPF_ANY);
    }

    @AfterAll
    static void close() {
        if (guard != null) {
            guard.close();
        }
    }

    private static void expect(int action, byte[] frame, String what) throws BpfException {
        assertEquals(TestRun.xdpAction(action), TestRun.xdpAction(prog.testRun(frame, 1).retval()), what);
    }

    @Test
    void tcpToTheAttestationPortPasses() throws Exception {
        expect(PASS, Packets.tcp4(STRANGER, 40000, ATTEST, SYN, 0), "IPv4 SYN to the attestation port");
        expect(PASS, Packets.tcp4(STRANGER, 40000, ATTEST, ACK, 0), "IPv4 data to the attestation port");
        expect(PASS, Packets.tcp6(STRANGER, 40000, ATTEST, SYN), "IPv6 SYN to the attestation port");
        expect(PASS, Packets.tcp4WithOptions(STRANGER, 40000, ATTEST, SYN, 2), "IPv4 with options, whole TCP");
        expect(DROP, Packets.tcp4(STRANGER, 40000, 22, SYN, 0), "IPv4 SYN to SSH");
        expect(DROP, Packets.tcp6(STRANGER, 40000, 22, SYN), "IPv6 SYN to SSH");
        expect(DROP, Packets.tcp4(STRANGER, 40000, ATTEST + 1, SYN, 0), "the port next to it");
    }

    /** A bare SYN "from" the attestation port would open a connection to any local listener. */
    @Test
    void fromTheAttestationPortOnlyRepliesWithAckPass() throws Exception {
        expect(DROP, Packets.tcp4(STRANGER, ATTEST, 22, SYN, 0), "IPv4 bare SYN from 7443 to SSH");
        expect(DROP, Packets.tcp6(STRANGER, ATTEST, 22, SYN), "IPv6 bare SYN from 7443 to SSH");
        expect(DROP, Packets.tcp4(STRANGER, ATTEST, 8101, SYN | FIN, 0), "SYN+FIN from 7443");
        expect(DROP, Packets.tcp4(STRANGER, ATTEST, 22, 0, 0), "no flags from 7443");
        expect(DROP, Packets.tcp4(STRANGER, ATTEST, 22, RST, 0), "RST without ACK from 7443");
        expect(PASS, Packets.tcp4(STRANGER, ATTEST, 41000, SYN | ACK, 0), "IPv4 SYN-ACK: reply to our attestation");
        expect(PASS, Packets.tcp4(STRANGER, ATTEST, 41000, ACK, 0), "IPv4 data of our attestation");
        expect(PASS, Packets.tcp6(STRANGER, ATTEST, 41000, SYN | ACK), "IPv6 SYN-ACK");
    }

    @Test
    void fragmentedTcpAndExtensionHeadersAreNotExempt() throws Exception {
        expect(DROP, Packets.tcp4(STRANGER, 40000, ATTEST, SYN, IP_MF), "first fragment (MF set) to 7443");
        expect(DROP, Packets.tcp4(STRANGER, 40000, ATTEST, SYN, 3), "non-first fragment, offset 24 bytes");
        expect(DROP, Packets.tcp4(STRANGER, 40000, ATTEST, SYN, IP_MF | 1), "middle fragment");
        expect(PASS, Packets.tcp4(STRANGER, 40000, ATTEST, SYN, 0x4000), "DF set is not a fragment");
        for (int ext : new int[] {0, 43, 44, 60}) {
            expect(DROP, Packets.tcp6Behind(STRANGER, ext, 40000, ATTEST, SYN), "IPv6 TCP behind extension " + ext);
        }
    }

    @Test
    void onlyNeighbourDiscoveryWithHopLimit255Passes() throws Exception {
        expect(PASS, Packets.icmp6(STRANGER, 135, 0, 255), "neighbour solicitation");
        expect(PASS, Packets.icmp6(STRANGER, 136, 0, 255), "neighbour advertisement");
        expect(DROP, Packets.icmp6(STRANGER, 135, 0, 64), "NS with hop limit 64 (RFC 4861 7.1.1)");
        expect(DROP, Packets.icmp6(STRANGER, 136, 0, 254), "NA with hop limit 254");
        expect(DROP, Packets.icmp6(STRANGER, 136, 1, 255), "NA with code 1");
        for (int type : new int[] {133, 134, 137}) {
            expect(DROP, Packets.icmp6(STRANGER, type, 0, 255), "router discovery / redirect type " + type);
        }
        for (int type : new int[] {1, 2, 128, 129, 130, 143}) {
            expect(DROP, Packets.icmp6(STRANGER, type, 0, 255), "ICMPv6 type " + type);
        }
    }

    @Test
    void arpPassesAndEverythingElseIsDropped() throws Exception {
        expect(PASS, Packets.arp(STRANGER), "ARP");
        expect(DROP, Packets.icmp(STRANGER), "IPv4 ICMP echo");
        expect(DROP, Packets.ethertype(STRANGER, 0x4305), "batman-adv frame");
        expect(DROP, Packets.ethertype(STRANGER, 0x8100), "VLAN-tagged frame");
        expect(DROP, Packets.ethertype(STRANGER, 0x88e5), "MACsec frame");
    }

    @Test
    void quarantineWinsOverEveryExemption() throws Exception {
        expect(DROP, Packets.arp(QUARANTINED), "ARP");
        expect(DROP, Packets.icmp6(QUARANTINED, 135, 0, 255), "NS");
        expect(DROP, Packets.tcp4(QUARANTINED, 40000, ATTEST, SYN, 0), "to the attestation port");
        expect(DROP, Packets.tcp4(QUARANTINED, ATTEST, 41000, SYN | ACK, 0), "reply from it");
    }
}
