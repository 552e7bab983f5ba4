package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

import org.junit.jupiter.api.Test;

class GuardAllowListTest {

    private final Set<String> allowed = new TreeSet<>();
    /** Only the allow list of the guard matters here. */
    private final MeshGuard guard = (MeshGuard) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MeshGuard.class}, (proxy, method, args) -> switch (method.getName()) {
                case "allow" -> allowed.add((String) args[0]) ? null : null;
                case "disallow" -> allowed.remove((String) args[0]);
                case "allowed" -> Set.copyOf(allowed);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static final NodeId B = NodeId.of("02:00:00:00:02:01");
    private static final NodeId E = NodeId.of("02:00:00:00:05:01");
    private final Instant now = Instant.now();

    @Test
    void allowsEveryInterfaceOfAttestedPeersAndTakesOffFailedOnes() {
        allowed.add("02:00:00:00:09:09"); // an operator's ebpf:allow
        allowed.add("02:00:00:00:05:01"); // E, allowed before its attestation failed
        Map<NodeId, AttestationResult> results = Map.of(
                B, AttestationResult.success(B, "spiffe://mesh.lab/mesh/node/02-00-00-00-02-01", now,
                        now.plus(Duration.ofHours(1))),
                E, AttestationResult.failure(E, "spiffe://foreign.lab/mesh/node/02-00-00-00-05-01",
                        "trust domain 'foreign.lab' is not 'mesh.lab'", now, now.plus(Duration.ofHours(1))),
                NodeId.of("sim-01"), AttestationResult.success(NodeId.of("sim-01"), "spiffe://x/mesh/node/sim-01", now,
                        now.plus(Duration.ofHours(1))));

        int changes = GuardAllowList.sync(guard, results,
                Map.of("02:00:00:00:02:01", List.of("02:00:00:00:02:01", "02:00:00:00:02:03")));

        assertEquals(3, changes);
        assertEquals(Set.of("02:00:00:00:02:01", "02:00:00:00:02:03", "02:00:00:00:09:09"), allowed);
        assertEquals(0, GuardAllowList.sync(guard, results, Map.of()), "nothing left to change");
    }

    @Test
    void anExpiredSuccessNoLongerAllows() {
        allowed.add("02:00:00:00:02:01");
        GuardAllowList.sync(guard, Map.of(B, AttestationResult.success(B, "spiffe://mesh.lab/mesh/node/b",
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))), Map.of());
        assertEquals(Set.of(), allowed);
    }
}
