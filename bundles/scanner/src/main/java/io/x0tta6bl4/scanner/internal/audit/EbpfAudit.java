package io.x0tta6bl4.scanner.internal.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.Severity;

/**
 * The eBPF audit: every program the platform loaded, validated again, and the XDP programs
 * the kernel has attached compared with the ones the platform attached. The kernel's view
 * comes from {@code ip -j link show} (per network namespace the platform uses).
 */
public final class EbpfAudit {

    public static final String NAME = "ebpf";

    /** One XDP attachment as the kernel reports it. */
    public record KernelXdp(String spec, long progId, String progName) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EbpfAudit() {
    }

    /** The XDP attachments in the output of {@code ip -j link show}, with {@code netns/} before names when given. */
    public static List<KernelXdp> parseIpLink(String netns, String json) throws IOException {
        List<KernelXdp> out = new ArrayList<>();
        JsonNode root = MAPPER.readTree(json.isBlank() ? "[]" : json);
        for (JsonNode link : root) {
            JsonNode xdp = link.get("xdp");
            if (xdp == null) {
                continue;
            }
            String name = link.path("ifname").asText();
            JsonNode progs = xdp.has("attached") ? xdp.get("attached") : null;
            if (progs == null || !progs.isArray() || progs.isEmpty()) {
                JsonNode p = xdp.get("prog");
                if (p != null) {
                    out.add(new KernelXdp(spec(netns, name), p.path("id").asLong(), p.path("name").asText()));
                }
                continue;
            }
            for (JsonNode a : progs) {
                JsonNode p = a.path("prog");
                out.add(new KernelXdp(spec(netns, name), p.path("id").asLong(), p.path("name").asText()));
            }
        }
        return out;
    }

    private static String spec(String netns, String ifname) {
        return netns == null ? ifname : netns + "/" + ifname;
    }

    /** The network namespaces of the platform's attachments (null for the host's). */
    public static List<String> namespaces(List<ProgramAudit> programs) {
        TreeSet<String> out = new TreeSet<>();
        for (ProgramAudit p : programs) {
            for (String spec : p.attachedTo()) {
                int slash = spec.indexOf('/');
                if (slash > 0) {
                    out.add(spec.substring(0, slash));
                }
            }
        }
        return new ArrayList<>(out);
    }

    public static List<Finding> compare(List<ProgramAudit> programs, List<KernelXdp> kernel) {
        List<Finding> out = new ArrayList<>();
        Map<String, ProgramAudit> ours = new LinkedHashMap<>();
        for (ProgramAudit p : programs) {
            String subject = "ebpf:" + p.object() + "/" + p.program();
            if (!p.validatorFindings().isEmpty()) {
                out.add(new Finding("EBPF-VALIDATION", FindingKind.MISCONFIGURATION, Severity.HIGH, subject,
                        "a loaded program fails the static validator now",
                        String.join("; ", p.validatorFindings()),
                        "unload it (ebpf:detach, bundle update) and find out how its object changed", NAME));
            }
            p.attachedTo().forEach(spec -> ours.put(spec, p));
        }
        Map<String, List<KernelXdp>> bySpec = new LinkedHashMap<>();
        kernel.forEach(k -> bySpec.computeIfAbsent(k.spec(), s -> new ArrayList<>()).add(k));
        for (Map.Entry<String, List<KernelXdp>> e : bySpec.entrySet()) {
            ProgramAudit mine = ours.get(e.getKey());
            for (KernelXdp k : e.getValue()) {
                if (mine == null || !sameName(mine.program(), k.progName())) {
                    out.add(new Finding("EBPF-FOREIGN-XDP", FindingKind.MISCONFIGURATION, Severity.HIGH, e.getKey(),
                            "an XDP program the platform did not attach runs on " + e.getKey(),
                            "kernel program id " + k.progId() + " '" + k.progName() + "'"
                                    + (mine == null ? "; the platform attached nothing here"
                                    : "; the platform attached '" + mine.program() + "'"),
                            "find who attached it (bpftool prog show id " + k.progId() + ") and detach it: ip link set dev "
                                    + e.getKey().substring(e.getKey().indexOf('/') + 1) + " xdp off", NAME));
                }
            }
        }
        for (Map.Entry<String, ProgramAudit> e : ours.entrySet()) {
            List<KernelXdp> there = bySpec.getOrDefault(e.getKey(), List.of());
            if (there.stream().noneMatch(k -> sameName(e.getValue().program(), k.progName()))) {
                out.add(new Finding("EBPF-ATTACHMENT-MISSING", FindingKind.MISCONFIGURATION, Severity.HIGH, e.getKey(),
                        "the platform's " + e.getValue().program() + " is not attached to " + e.getKey(),
                        "the kernel shows " + (there.isEmpty() ? "no XDP program" : there) + " there",
                        "ebpf:detach then ebpf:attach " + e.getKey(), NAME));
            }
        }
        return out;
    }

    /** The kernel keeps the first 15 characters of a program's name. */
    static boolean sameName(String ours, String kernel) {
        String o = ours.length() > 15 ? ours.substring(0, 15) : ours;
        return o.equals(kernel);
    }
}
