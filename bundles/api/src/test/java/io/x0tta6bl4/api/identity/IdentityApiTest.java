package io.x0tta6bl4.api.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.topology.NodeId;
import org.junit.jupiter.api.Test;

class IdentityApiTest {

    @Test
    void resultsCarryTheirReason() {
        Instant now = Instant.now();
        AttestationResult ok = AttestationResult.success(NodeId.of("n1"), "spiffe://t/mesh/node/n1", now,
                now.plusSeconds(60));
        assertTrue(ok.attested());
        assertEquals(AttestationResult.OK, ok.reason());
        AttestationResult bad = AttestationResult.failure(null, null, "no URI SAN", now, null);
        assertFalse(bad.attested());
        assertEquals("no URI SAN", bad.reason());
        assertThrows(NullPointerException.class, () -> new AttestationResult(null, null, false, null, now, null));
    }

    @Test
    void isAttestedNeedsSuccessAndUnexpiredSvid() {
        Instant now = Instant.now();
        NodeId a = NodeId.of("a");
        NodeId b = NodeId.of("b");
        NodeId c = NodeId.of("c");
        Map<NodeId, AttestationResult> m = Map.of(
                a, AttestationResult.success(a, "spiffe://t/mesh/node/a", now, now.plusSeconds(60)),
                b, AttestationResult.success(b, "spiffe://t/mesh/node/b", now, now.minusSeconds(1)),
                c, AttestationResult.failure(c, "spiffe://t/x", "wrong path", now, now.plusSeconds(60)));
        PeerAttestations p = new PeerAttestations() {
            @Override
            public Optional<AttestationResult> result(NodeId node) {
                return Optional.ofNullable(m.get(node));
            }

            @Override
            public Map<NodeId, AttestationResult> all() {
                return m;
            }
        };
        assertTrue(p.isAttested(a));
        assertFalse(p.isAttested(b));
        assertFalse(p.isAttested(c));
        assertFalse(p.isAttested(NodeId.of("d")));
    }

    @Test
    void kindsAreValidHealthTopicSegments() {
        for (String kind : new String[] {IdentityHealth.SVID_EXPIRING, IdentityHealth.SVID_EXPIRED,
                IdentityHealth.IDENTITY_SOURCE_DOWN, IdentityHealth.IDENTITY_SOURCE_UP,
                IdentityHealth.PEER_UNATTESTED, IdentityHealth.PEER_ATTESTATION_FAILED,
                IdentityHealth.PEER_ATTESTED}) {
            HealthEvent e = HealthEvent.of(IdentityHealth.AREA, kind, "spiffe://t/mesh/node/a",
                    Severity.WARNING, "io.x0tta6bl4.identity");
            assertEquals("x0tta6bl4/health/identity/" + kind, e.topic());
        }
    }
}
