package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A hostile neighbour's facts records in one attestation round, beside the real records of
 * two good nodes B and C, all signed with real fixture SVIDs (the neighbour X has one of its
 * own): whatever it publishes, B and C are attested at their own signed endpoints, the allow
 * list holds exactly the MACs they signed, PeerEndpoints names their own endpoints, and the
 * forged record gets a verdict that says why it is not used. The attestor, the attestation
 * store and the guard stand in for the identity and ebpf bundles (the round's logic is what
 * is under test; the real listener and XDP program have their own tests).
 */
class MeshTrustRoundTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = 1_800_000_000_000L;
    private static final long MAX_AGE = 60_000;
    private static final NodeId SELF = NodeId.of("02:00:00:00:01:02");
    private static final NodeId B = Svids.node(Svids.B);
    private static final NodeId C = Svids.node(Svids.C);
    private static final NodeId X = Svids.node(Svids.X);
    private static final String EVIL = "10.66.6.6:7443";
    private static final String EVIL_MAC = "02:66:66:66:66:66";

    private static final NodeFacts GOOD_B = facts(B, Svids.spiffeId(Svids.B), NOW - 1_000, "10.99.0.2:7443",
            "02:00:00:00:02:01", "02:00:00:00:02:02");
    private static final NodeFacts GOOD_C = facts(C, Svids.spiffeId(Svids.C), NOW - 2_000, "[fd00::3]:7443",
            "02:00:00:00:03:01");

    private final List<String> calls = new ArrayList<>();
    private final Map<NodeId, AttestationResult> results = new HashMap<>();
    private final Set<String> allowed = new TreeSet<>();
    private final List<String> log = new ArrayList<>();
    private final FactsLedger ledger = new FactsLedger();

    /** Answers like a real peer would: B and C prove their SVIDs, X (not enrolled by us) fails. */
    private final NodeAttestor attestor = new NodeAttestor() {
        @Override
        public AttestationResult attest(NodeId node, InetSocketAddress address) {
            calls.add(node + "@" + PeerAttester.format(address));
            Instant at = Instant.ofEpochMilli(NOW);
            AttestationResult r = node.equals(X)
                    ? AttestationResult.failure(node, null, "certificate is not issued by this trust domain", at, null)
                    : AttestationResult.success(node, "spiffe://mesh.test/mesh/node/" + node.value().replace(':', '-'),
                    at, Instant.now().plus(Duration.ofHours(1)));
            results.put(node, r);
            return r;
        }

        @Override
        public AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode) {
            throw new UnsupportedOperationException();
        }
    };

    private final PeerAttestations attestations = new PeerAttestations() {
        @Override
        public Optional<AttestationResult> result(NodeId node) {
            return Optional.ofNullable(results.get(node));
        }

        @Override
        public Map<NodeId, AttestationResult> all() {
            return Map.copyOf(results);
        }
    };

    private final MeshGuard guard = (MeshGuard) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MeshGuard.class}, (proxy, method, args) -> switch (method.getName()) {
                case "allow" -> allowed.add((String) args[0]) ? null : null;
                case "disallow" -> allowed.remove((String) args[0]);
                case "allowed" -> Set.copyOf(allowed);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final MeshTrustRound round = new MeshTrustRound(ledger,
            new PeerAttester(() -> attestor, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), log::add),
            new OnceLog(log::add), line -> { });

    static NodeFacts facts(NodeId node, String spiffeId, long timestamp, String control, String... macs) {
        return new NodeFacts(node.value(), spiffeId, "0.1.0", "ok", timestamp, null, List.of(control), List.of(macs));
    }

    private static AlfredRecord record(String source, byte[] data) {
        return new AlfredRecord(source, 100, 1, data);
    }

    static AlfredRecord unsigned(String source, NodeFacts f) {
        return record(source, SignedFacts.encode(f, null));
    }

    static AlfredRecord signed(String signer, String source, NodeFacts f) {
        return record(source, Svids.record(signer, f));
    }

    /** A record in the old format 1, really signed by {@code signer}, naming an endpoint of its choice. */
    private static AlfredRecord v1(String signer, String source, NodeFacts f) throws Exception {
        ObjectNode o = (ObjectNode) MAPPER.readTree(SignedFacts.encode(f, null));
        o.remove("format");
        SvidSignature sig = Svids.sign(signer, SignedFacts.canonicalV1(f));
        o.putArray("chain").add(Base64.getEncoder().encodeToString(sig.chain().get(0).getEncoded()));
        o.put("signature", Base64.getEncoder().encodeToString(sig.signature()));
        return record(source, MAPPER.writeValueAsBytes(o));
    }

    static NodeFacts malformed() {
        return new NodeFacts("NOT A NODE", null, "0.1.0", "ok", NOW, null, List.of(EVIL), List.of(EVIL_MAC));
    }

    private static List<AlfredRecord> good() {
        return List.of(signed(Svids.B, "02:00:00:00:02:01", GOOD_B), signed(Svids.C, "02:00:00:00:03:01", GOOD_C));
    }

    private FactsJudge.Round run(List<AlfredRecord> records) {
        return round.run(records, Svids.VERIFIER, SELF, Set.of(SELF, B, C, X), NOW, MAX_AGE, 30_000, guard,
                attestations);
    }

    private void assertGoodNodesUntouched() {
        assertEquals(List.of("02:00:00:00:02:01@10.99.0.2:7443", "02:00:00:00:03:01@[fd00:0:0:0:0:0:0:3]:7443"),
                calls.stream().filter(c -> !c.startsWith(X.value() + "@")).toList(),
                "B and C attested at their own signed endpoints, nobody else at an endpoint X chose");
        assertEquals(Set.of("02:00:00:00:02:01", "02:00:00:00:02:02", "02:00:00:00:03:01"), allowed,
                "exactly the MACs B and C signed");
        assertEquals("10.99.0.2:7443", PeerAttester.format(ledger.controlEndpoint(B, NOW, MAX_AGE).orElseThrow()));
        assertEquals("[fd00:0:0:0:0:0:0:3]:7443",
                PeerAttester.format(ledger.controlEndpoint(C, NOW, MAX_AGE).orElseThrow()));
    }

    @Test
    void goodNodesAloneAreAttestedAndAllowedByWhatTheySigned() {
        FactsJudge.Round r = run(good());
        assertGoodNodesUntouched();
        assertEquals(List.of("verified " + Svids.spiffeId(Svids.B), "verified " + Svids.spiffeId(Svids.C)),
                r.judged().stream().map(j -> j.trust().line()).toList());

        // The same records read again next round are the accepted ones, not replays of themselves.
        FactsJudge.Round again = run(good());
        assertTrue(again.judged().stream().allMatch(j -> j.trust().usable()), again.judged().toString());
        assertEquals(2, calls.size(), "not due again yet");
    }

    static Stream<Arguments> forgeries() throws Exception {
        String x = "02:00:00:00:0e:01";
        return Stream.of(
                Arguments.of("an unsigned record naming B with another endpoint and MAC",
                        unsigned(x, facts(B, Svids.spiffeId(Svids.B), NOW, EVIL, EVIL_MAC)), "unsigned"),
                Arguments.of("B's node id with another endpoint, signed by X",
                        signed(Svids.X, x, facts(B, null, NOW, EVIL, EVIL_MAC)),
                        "invalid: signed by " + Svids.spiffeId(Svids.X) + ", which names node " + X
                                + ", but the record is about " + B),
                Arguments.of("B's node id and SPIFFE ID, signed by X",
                        signed(Svids.X, x, facts(B, Svids.spiffeId(Svids.B), NOW, EVIL, EVIL_MAC)),
                        "invalid: signed by " + Svids.spiffeId(Svids.X) + " but claims " + Svids.spiffeId(Svids.B)),
                Arguments.of("an older real record of B replayed with its old endpoint",
                        signed(Svids.B, x, facts(B, Svids.spiffeId(Svids.B), NOW - 30_000, EVIL, EVIL_MAC)),
                        "invalid: replay: not newer than the accepted record of " + B + " signed at " + (NOW - 1_000)),
                Arguments.of("a real record of B older than the maximum age",
                        signed(Svids.B, x, facts(B, Svids.spiffeId(Svids.B), NOW - 61_000, EVIL, EVIL_MAC)),
                        "invalid: stale: signed 61 s ago, more than the 60 s facts.max.age.ms allows"),
                Arguments.of("a newer v1 record really signed by B whose unsigned endpoint was changed",
                        v1(Svids.B, x, facts(B, Svids.spiffeId(Svids.B), NOW, EVIL, EVIL_MAC)),
                        "verified-v1 " + Svids.spiffeId(Svids.B) + " (old format: endpoints and MACs unsigned, not used)"),
                Arguments.of("X's own record claiming B's MAC (X fails attestation)",
                        signed(Svids.X, x, facts(X, null, NOW, "10.99.0.14:7443", x, "02:00:00:00:02:02")),
                        "verified " + Svids.spiffeId(Svids.X)),
                Arguments.of("a malformed node id, unsigned",
                        unsigned(x, malformed()), "unsigned"),
                Arguments.of("a malformed node id, signed by X",
                        signed(Svids.X, x, malformed()),
                        "invalid: node id 'NOT A NODE' is malformed"),
                Arguments.of("a record timestamped far in the future, really signed by B",
                        signed(Svids.B, x, facts(B, Svids.spiffeId(Svids.B), NOW + 3_600_000, EVIL, EVIL_MAC)),
                        "invalid: timestamp 3600 s in the future"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedRecordChangesNothingForTheGoodNodes(String what, AlfredRecord forged, String verdict) {
        List<AlfredRecord> records = new ArrayList<>();
        records.add(good().get(0));
        records.add(forged);
        records.add(good().get(1));
        FactsJudge.Round r = run(records);
        assertGoodNodesUntouched();
        FactsJudge.Judged j = r.judged().stream().filter(x -> x.facts().source().equals("02:00:00:00:0e:01"))
                .findFirst().orElseThrow();
        assertEquals(verdict, j.trust().line(), what);
        if (!j.facts().nodeId().equals(X.value())) {
            assertFalse(j.trust().usable(), what);
        }
        assertTrue(log.stream().allMatch(l -> l.length() <= OnceLog.MAX_LINE + 3 && !l.contains("\n")), log.toString());
    }

    @Test
    void recordsThatAreNotFactsAreLeftOutOneByOne() {
        List<AlfredRecord> records = new ArrayList<>(good());
        records.add(1, record("02:00:00:00:0e:01", "not json".getBytes(StandardCharsets.UTF_8)));
        records.add(1, record("02:00:00:00:0e:02", "{\"nodeId\":7,\"control\":{}}".getBytes(StandardCharsets.UTF_8)));
        FactsJudge.Round r = run(records);
        assertGoodNodesUntouched();
        assertEquals(2, r.refused().size(), r.refused().toString());
    }

    @Test
    void theSameForgeryEveryRoundIsLoggedOnce() {
        AlfredRecord forged = signed(Svids.X, "02:00:00:00:0e:01", facts(B, null, NOW, EVIL, EVIL_MAC));
        for (int i = 0; i < 5; i++) {
            run(List.of(good().get(0), forged, good().get(1)));
        }
        assertEquals(1, log.stream().filter(l -> l.contains("02:00:00:00:0e:01")).count(), log.toString());
    }

    @Test
    void anEndpointIsOnlyGivenWhileItsFactsAreFresh() {
        run(good());
        assertTrue(ledger.controlEndpoint(B, NOW - 1_000 + MAX_AGE, MAX_AGE).isPresent());
        assertEquals(Optional.empty(), ledger.controlEndpoint(B, NOW - 1_000 + MAX_AGE + 1, MAX_AGE));
        assertEquals(Optional.empty(), ledger.controlEndpoint(X, NOW, MAX_AGE), "X published nothing usable");
    }
}
