package io.x0tta6bl4.scanner.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.api.scanner.Finding;

import org.junit.jupiter.api.Test;

class EbpfAuditTest {

    // the shape of `ip -j link show` with an XDP program attached (iproute2 6.1)
    private static final String IP_LINK = "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\"]},"
            + "{\"ifindex\":12,\"ifname\":\"vscan0\",\"xdp\":{\"mode\":2,\"prog\":{\"id\":1962,\"name\":\"mesh_guard\","
            + "\"tag\":\"ca741933af43a4ba\",\"jited\":1},\"attached\":[{\"mode\":2,\"prog\":{\"id\":1962,"
            + "\"name\":\"mesh_guard\",\"tag\":\"ca741933af43a4ba\",\"jited\":1}}]}},"
            + "{\"ifindex\":13,\"ifname\":\"eth9\",\"xdp\":{\"mode\":1,\"prog\":{\"id\":77,\"name\":\"sniffer\"}}}]";

    @Test
    void parsesTheKernelsAttachments() throws Exception {
        List<EbpfAudit.KernelXdp> k = EbpfAudit.parseIpLink(null, IP_LINK);
        assertEquals(List.of(new EbpfAudit.KernelXdp("vscan0", 1962, "mesh_guard"),
                new EbpfAudit.KernelXdp("eth9", 77, "sniffer")), k);
        assertEquals("ns1/vscan0", EbpfAudit.parseIpLink("ns1", IP_LINK).get(0).spec());
    }

    @Test
    void foreignProgramsMissingAttachmentsAndFailedValidation() throws Exception {
        List<ProgramAudit> ours = List.of(
                new ProgramAudit("mesh_guard", "mesh_guard", "xdp", 200, List.of("vscan0", "mesh0"), List.of()),
                new ProgramAudit("extra.o", "bad_prog", "xdp", 3, List.of(), List.of("xdp#1 NO_EXIT: no exit")));
        List<Finding> found = EbpfAudit.compare(ours, EbpfAudit.parseIpLink(null, IP_LINK));
        assertEquals(List.of("EBPF-VALIDATION ebpf:extra.o/bad_prog", "EBPF-FOREIGN-XDP eth9",
                "EBPF-ATTACHMENT-MISSING mesh0"), found.stream().map(f -> f.id() + " " + f.subject()).toList());
        assertEquals(List.of("ns1"), EbpfAudit.namespaces(List.of(
                new ProgramAudit("o", "p", "xdp", 1, List.of("ns1/veth0", "eth0"), List.of()))));
    }

    @Test
    void kernelNamesAreCutAt15Characters() {
        assertEquals(true, EbpfAudit.sameName("a_very_long_program_name", "a_very_long_pro"));
    }
}
