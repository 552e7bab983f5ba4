package io.x0tta6bl4.scanner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.Scanner;
import io.x0tta6bl4.scanner.internal.audit.EbpfAudit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The eBPF audit as a scanner; without the ebpf bundle it finds nothing. The kernel's XDP
 * attachments are read with {@code ip -j link show} (iproute2) in the host's namespace and in
 * each namespace the platform attached in.
 */
@Component(service = Scanner.class, property = Scanner.NAME + "=" + EbpfAudit.NAME)
public class EbpfAuditScanner implements Scanner {

    private static final long IP_TIMEOUT_S = 10;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MeshGuard guard;

    @Override
    public List<Finding> scan() throws Exception {
        MeshGuard g = guard;
        if (g == null) {
            return List.of();
        }
        List<ProgramAudit> programs = g.audit();
        List<EbpfAudit.KernelXdp> kernel = new ArrayList<>(EbpfAudit.parseIpLink(null, ip(null)));
        for (String ns : EbpfAudit.namespaces(programs)) {
            kernel.addAll(EbpfAudit.parseIpLink(ns, ip(ns)));
        }
        return EbpfAudit.compare(programs, kernel);
    }

    private static String ip(String netns) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            cmd.addAll(List.of("-n", netns));
        }
        cmd.addAll(List.of("-j", "link", "show"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("cannot run 'ip' (iproute2) to read the kernel's XDP attachments: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(IP_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", cmd) + " did not finish within " + IP_TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }
}
