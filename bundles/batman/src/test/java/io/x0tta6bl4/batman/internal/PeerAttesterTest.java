package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.testing.MutableClock;

import org.junit.jupiter.api.Test;

class PeerAttesterTest {

    private static final NodeId SELF = NodeId.of("02:00:00:00:01:02");
    private static final NodeId B = NodeId.of("02:00:00:00:02:01");
    private static final NodeId C = NodeId.of("02:00:00:00:03:02");
    private static final long STALE = 30_000;

    private final List<String> calls = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));
    private boolean answer = true;

    private final NodeAttestor attestor = new NodeAttestor() {
        @Override
        public AttestationResult attest(NodeId node, InetSocketAddress address) {
            calls.add(node + "@" + PeerAttester.format(address));
            return answer ? AttestationResult.success(node, "spiffe://mesh.test/mesh/node/x", Instant.EPOCH, null)
                    : AttestationResult.failure(node, null, "refused", Instant.EPOCH, null);
        }

        @Override
        public AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode) {
            throw new UnsupportedOperationException();
        }
    };

    private final PeerAttester attester = new PeerAttester(() -> attestor, clock, warnings::add);

    private static NodeFacts facts(NodeId node, String... control) {
        return new NodeFacts(node.value(), null, "1", "ok", 1, "src", List.of(control));
    }

    @Test
    void attestsUpPeersWithAnEndpointOnceUntilTheyAreDue() {
        List<NodeFacts> all = List.of(facts(SELF, "10.99.0.1:7443"), facts(B, "10.99.0.2:7443"), facts(C));
        assertEquals(1, attester.round(SELF, Set.of(SELF, B, C), all, Long.MAX_VALUE));
        assertEquals(List.of("02:00:00:00:02:01@10.99.0.2:7443"), calls);

        clock.advanceMillis(PeerAttester.REFRESH_MS - 1);
        assertEquals(0, attester.round(SELF, Set.of(SELF, B, C), all, Long.MAX_VALUE), "attested recently");
        clock.advanceMillis(1);
        assertEquals(1, attester.round(SELF, Set.of(SELF, B, C), all, Long.MAX_VALUE), "refresh is due");
    }

    @Test
    void retriesFailuresSoonerAndAChangedEndpointAtOnce() {
        answer = false;
        attester.round(SELF, Set.of(B), List.of(facts(B, "10.99.0.2:7443")), STALE);
        clock.advanceMillis(PeerAttester.RETRY_MS - 1);
        assertEquals(0, attester.round(SELF, Set.of(B), List.of(facts(B, "10.99.0.2:7443")), STALE));
        assertEquals(1, attester.round(SELF, Set.of(B), List.of(facts(B, "[fd00::2]:7443")), STALE));
        clock.advanceMillis(PeerAttester.RETRY_MS);
        assertEquals(1, attester.round(SELF, Set.of(B), List.of(facts(B, "[fd00::2]:7443")), STALE));
        assertEquals(List.of("02:00:00:00:02:01@10.99.0.2:7443", "02:00:00:00:02:01@[fd00:0:0:0:0:0:0:2]:7443",
                "02:00:00:00:02:01@[fd00:0:0:0:0:0:0:2]:7443"), calls);
    }

    @Test
    void skipsPeersThatAreNotUpAndForgetsThem() {
        assertEquals(0, attester.round(SELF, Set.of(SELF), List.of(facts(B, "10.99.0.2:7443")), STALE));
        assertEquals(1, attester.round(SELF, Set.of(B), List.of(facts(B, "10.99.0.2:7443")), STALE));
        attester.round(SELF, Set.of(), List.of(facts(B, "10.99.0.2:7443")), STALE);
        assertEquals(1, attester.round(SELF, Set.of(B), List.of(facts(B, "10.99.0.2:7443")), STALE),
                "back up after being gone: attested again at once");
    }

    @Test
    void refusesEndpointsThatAreNotLiteralHostPortWithOneWarning() {
        List<NodeFacts> bad = List.of(facts(B, "mesh-b.example:7443"));
        assertEquals(0, attester.round(SELF, Set.of(B), bad, STALE));
        clock.advanceMillis(PeerAttester.RETRY_MS);
        attester.round(SELF, Set.of(B), bad, STALE);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("mesh-b.example:7443"), warnings.get(0));
        assertTrue(calls.isEmpty());
    }

    @Test
    void aPeerWhoseFactsStopMovingIsAttestedAgainAtOnceThenOnTheRetryPace() {
        attester.round(SELF, Set.of(B), List.of(facts(B, 1)), STALE);
        clock.advanceMillis(STALE - 1);
        assertEquals(0, attester.round(SELF, Set.of(B), List.of(facts(B, 1)), STALE), "not stale yet");
        clock.advanceMillis(1);
        answer = false; // its x0tta6bl4 is gone: nothing answers at the endpoint
        assertEquals(1, attester.round(SELF, Set.of(B), List.of(facts(B, 1)), STALE), "stale: attested again");
        clock.advanceMillis(PeerAttester.RETRY_MS - 1);
        assertEquals(0, attester.round(SELF, Set.of(B), List.of(facts(B, 1)), STALE), "failed: retried on its pace");
        clock.advanceMillis(1);
        answer = true;
        assertEquals(1, attester.round(SELF, Set.of(B), List.of(facts(B, 2)), STALE));
        clock.advanceMillis(STALE - 1);
        assertEquals(0, attester.round(SELF, Set.of(B), List.of(facts(B, 3)), STALE), "facts moving: not stale");
    }

    private static NodeFacts facts(NodeId node, long timestamp) {
        return new NodeFacts(node.value(), null, "1", "ok", timestamp, "src", List.of("10.99.0.2:7443"));
    }

    @Test
    void parsesLiteralEndpointsOnly() {
        assertEquals(new InetSocketAddress("10.99.0.2", 7443), PeerAttester.parse("10.99.0.2:7443").orElseThrow());
        assertEquals(7443, PeerAttester.parse("[fd00::2]:7443").orElseThrow().getPort());
        for (String bad : List.of("", ":7443", "10.99.0.2", "10.99.0.2:", "10.99.0.2:0", "10.99.0.2:70000",
                "fe80::1:7443", "name:7443", "10.99.0.2:x", "[::1]:7443junk")) {
            assertTrue(PeerAttester.parse(bad).isEmpty(), bad);
        }
    }
}
