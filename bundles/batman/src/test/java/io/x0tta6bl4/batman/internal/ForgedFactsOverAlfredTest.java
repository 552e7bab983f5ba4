package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.batman.internal.alfred.AlfredPair;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;
import org.junit.jupiter.api.Test;

/**
 * The hostile neighbour's forged facts travel through real alfred daemons: good node B
 * publishes its signed record on daemon a, the neighbour X writes one forgery after another
 * on daemon b (its own, on the other side of a veth pair), and each round reads every record
 * daemon a holds. B stays attested at its own endpoint with exactly its own MACs allowed.
 * Needs root, iproute2 and alfred; skips saying which is missing.
 */
class ForgedFactsOverAlfredTest {

    private static final NodeId SELF = NodeId.of("02:00:00:00:01:02");
    private static final NodeId B = Svids.node(Svids.B);
    private static final NodeId X = Svids.node(Svids.X);

    @Test
    void forgeriesWrittenOnANeighboursAlfredChangeNothingForTheGoodNode() throws Exception {
        String skip = AlfredPair.skipReason();
        assumeTrue(skip == null, skip);
        long now = System.currentTimeMillis();
        NodeFacts good = MeshTrustRoundTest.facts(B, Svids.spiffeId(Svids.B), now - 1_000, "10.99.0.2:7443",
                "02:00:00:00:02:01", "02:00:00:00:02:02");
        Map<String, byte[]> forgeries = new LinkedHashMap<>();
        forgeries.put("unsigned, B's id, another endpoint and MAC", SignedFacts.encode(MeshTrustRoundTest.facts(B,
                Svids.spiffeId(Svids.B), now, "10.66.6.6:7443", "02:66:66:66:66:66"), null));
        forgeries.put("B's id signed by X", Svids.record(Svids.X, MeshTrustRoundTest.facts(B, null, now,
                "10.66.6.6:7443", "02:66:66:66:66:66")));
        forgeries.put("B's older record replayed", Svids.record(Svids.B, MeshTrustRoundTest.facts(B,
                Svids.spiffeId(Svids.B), now - 20_000, "10.66.6.6:7443", "02:66:66:66:66:66")));
        forgeries.put("a malformed node id", Svids.record(Svids.X, MeshTrustRoundTest.malformed()));
        try (AlfredPair pair = new AlfredPair()) {
            pair.a.write(100, 1, Svids.record(Svids.B, good));
            for (Map.Entry<String, byte[]> forged : forgeries.entrySet()) {
                pair.b.write(100, 1, forged.getValue());
                List<AlfredRecord> records = awaitRecord(pair, forged.getValue());
                assertEquals(2, records.size(), forged.getKey() + ": B's and X's records, " + records);

                Harness h = new Harness();
                FactsJudge.Round round = h.round.run(records, Svids.VERIFIER, SELF, Set.of(SELF, B, X), now, 60_000,
                        30_000, h.guard, h.attestations);
                assertEquals(List.of(B + "@10.99.0.2:7443"), h.calls, forged.getKey());
                assertEquals(Set.of("02:00:00:00:02:01", "02:00:00:00:02:02"), h.allowed, forged.getKey());
                assertEquals("10.99.0.2:7443", PeerAttester.format(h.ledger.controlEndpoint(B, now, 60_000)
                        .orElseThrow()), forged.getKey());
                FactsJudge.Judged x = round.judged().stream()
                        .filter(j -> !Arrays.equals(SignedFacts.canonical(j.facts()), SignedFacts.canonical(good)))
                        .findFirst().orElseThrow();
                assertFalse(x.trust().usable(), forged.getKey() + ": " + x.trust().line());
            }
        }
    }

    /** Daemon a's records once X's latest write has reached it (alfred primaries sync every second). */
    private static List<AlfredRecord> awaitRecord(AlfredPair pair, byte[] data) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<AlfredRecord> records = pair.a.read(100);
            if (records.stream().anyMatch(r -> Arrays.equals(r.data(), data))) {
                return records;
            }
            Thread.sleep(100); // polling the condition: the next sync is at most a second away
        }
        throw new AssertionError("X's record never reached daemon a\n" + pair.logs());
    }

    /** The identity and ebpf bundles' parts of a round, recorded. */
    private static final class Harness {
        final List<String> calls = new ArrayList<>();
        final Map<NodeId, AttestationResult> results = new HashMap<>();
        final Set<String> allowed = new TreeSet<>();
        final FactsLedger ledger = new FactsLedger();
        final NodeAttestor attestor = new NodeAttestor() {
            @Override
            public AttestationResult attest(NodeId node, InetSocketAddress address) {
                calls.add(node + "@" + PeerAttester.format(address));
                AttestationResult r = node.equals(X)
                        ? AttestationResult.failure(node, null, "not of this trust domain", Instant.now(), null)
                        : AttestationResult.success(node, "spiffe://mesh.test/mesh/node/x", Instant.now(),
                        Instant.now().plus(Duration.ofHours(1)));
                results.put(node, r);
                return r;
            }

            @Override
            public AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode) {
                throw new UnsupportedOperationException();
            }
        };
        final PeerAttestations attestations = new PeerAttestations() {
            @Override
            public Optional<AttestationResult> result(NodeId node) {
                return Optional.ofNullable(results.get(node));
            }

            @Override
            public Map<NodeId, AttestationResult> all() {
                return Map.copyOf(results);
            }
        };
        final MeshGuard guard = (MeshGuard) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MeshGuard.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "allow" -> allowed.add((String) args[0]) ? null : null;
                    case "disallow" -> allowed.remove((String) args[0]);
                    case "allowed" -> Set.copyOf(allowed);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        final MeshTrustRound round = new MeshTrustRound(ledger, new PeerAttester(() -> attestor,
                Clock.systemUTC(), line -> { }), new OnceLog(line -> { }), line -> { });
    }
}
