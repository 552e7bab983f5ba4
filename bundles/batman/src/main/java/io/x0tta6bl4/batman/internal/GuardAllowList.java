package io.x0tta6bl4.batman.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Keeps the eBPF guard's allow list in step with peer attestation, by every interface MAC a
 * peer sends from: batman-adv names a node by its primary interface, but a neighbour heard on
 * another of its interfaces sends from that interface's MAC. Only MACs the peer itself listed
 * in its signed facts count (batadv-vis and respondd records are anyone's word: a neighbour
 * could claim a good node as its primary and so get its own MAC allowed). A peer
 * whose latest attestation succeeded is allowed; one whose latest attestation failed is taken
 * off (an unreachable peer keeps its last success in the identity bundle, so it stays). MACs
 * of nodes never attested, such as an operator's {@code ebpf:allow}, are left alone.
 */
final class GuardAllowList {

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    private GuardAllowList() {
    }

    /**
     * @param interfaces the interface MACs each node signed in its facts ({@link FactsLedger#signedMacs()}),
     *                   by node id; may be empty
     * @return how many MACs were added or removed
     */
    static int sync(MeshGuard guard, Map<NodeId, AttestationResult> results, Map<String, List<String>> interfaces) {
        Set<String> allow = new HashSet<>();
        Set<String> deny = new HashSet<>();
        Instant now = Instant.now();
        results.forEach((node, r) -> {
            String mac = node.value().toLowerCase(Locale.ROOT);
            if (!MAC.matcher(mac).matches()) {
                return;
            }
            Set<String> target = r.attested() && (r.notAfter() == null || r.notAfter().isAfter(now)) ? allow : deny;
            target.add(mac);
            for (String i : interfaces.getOrDefault(mac, List.of())) {
                String m = i.toLowerCase(Locale.ROOT);
                if (MAC.matcher(m).matches()) {
                    target.add(m);
                }
            }
        });
        deny.removeAll(allow);
        int changes = 0;
        Set<String> present = guard.allowed();
        for (String mac : allow) {
            if (!present.contains(mac)) {
                guard.allow(mac);
                changes++;
            }
        }
        for (String mac : deny) {
            if (present.contains(mac) && guard.disallow(mac)) {
                changes++;
            }
        }
        return changes;
    }
}
