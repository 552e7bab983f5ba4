package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The x0tta6bl4 part of replies: real EC keys and certificates (made by the JDK's keytool) and
 * real ECDSA signatures. The identity service's chain check is the one part played here: the
 * verifier below trusts exactly the certificates it was given, checks the signature with the
 * leaf's key and names the node from the SPIFFE ID, as the identity service's ID policy does.
 */
class ReplySignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A_ID = "spiffe://mesh.test/mesh/node/02:00:00:00:00:0a";
    private static final String B_ID = "spiffe://mesh.test/mesh/node/02:00:00:00:00:0b";
    private static final String A_MAC = "02:00:00:00:00:0a";
    private static final String B_MAC = "02:00:00:00:00:0b";

    private static final int SCRAMBLES = 5_000;
    private static Svid a;
    private static Svid b;
    private static Svid foreign;

    record Svid(X509Certificate certificate, PrivateKey key) {
        Optional<SvidSignature> sign(byte[] data) {
            try {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(key);
                s.update(data);
                return Optional.of(new SvidSignature(List.of(certificate), s.sign()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void svids(@TempDir Path dir) throws Exception {
        a = svid(A_ID, dir);
        b = svid(B_ID, dir);
        foreign = svid(B_ID, dir); // names B, but its key is not the one the trust bundle knows
    }

    /** The trust bundle holds a's and b's certificates; the ID policy reads the node from the SPIFFE ID's last segment. */
    static final BiFunction<byte[], SvidSignature, AttestationResult> VERIFIER = (data, sig) -> {
        Instant now = Instant.now();
        X509Certificate leaf = sig.chain().get(0);
        String id = spiffeId(leaf);
        if (!leaf.equals(a.certificate()) && !leaf.equals(b.certificate())) {
            return AttestationResult.failure(null, id, "chain does not lead to the trust bundle", now, null);
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(leaf.getPublicKey());
            s.update(data);
            if (!s.verify(sig.signature())) {
                return AttestationResult.failure(null, id, "signature does not match the data", now, null);
            }
        } catch (GeneralSecurityException e) {
            return AttestationResult.failure(null, id, "signature cannot be read", now, null);
        }
        return AttestationResult.success(NodeId.of(id.substring(id.lastIndexOf('/') + 1)), id, now, null);
    };

    static String spiffeId(X509Certificate c) {
        try {
            return (String) c.getSubjectAlternativeNames().iterator().next().get(1);
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, Object> body(String mac, String hostname) {
        return Map.of("nodeinfo", Map.of("node_id", mac.replace(":", ""), "hostname", hostname,
                "network", Map.of("mac", mac), "location", Map.of("latitude", 53.55, "longitude", 9.99)),
                "statistics", Map.of("node_id", mac.replace(":", ""), "uptime", 1234.5, "clients", Map.of("total", 3)));
    }

    /** A reply as it travels: the body and its part, through JSON bytes and back. */
    private static ObjectNode sealed(Map<String, Object> body, String claimed, long time, Svid by) throws IOException {
        ObjectNode part = ReplySignature.part(body, claimed, time, by::sign).orElseThrow();
        ObjectNode reply = JSON.valueToTree(body);
        reply.set(ReplySignature.TYPE, part);
        return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(reply));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aSignedReplyVerifiesAfterTheWireAndNamesItsNode() throws Exception {
        ReplySignature.Verdict v = ReplySignature.verify(sealed(body(A_MAC, "alpha"), A_ID, now(), a), VERIFIER, now());
        assertEquals(AttestationResult.OK, v.reason());
        assertEquals(NodeId.of(A_MAC), v.node());
        assertEquals(A_ID, v.spiffeId());
    }

    @Test
    void aChangedValueBreaksTheSignature() throws Exception {
        ObjectNode reply = sealed(body(A_MAC, "alpha"), A_ID, now(), a);
        ((ObjectNode) reply.get("nodeinfo")).put("hostname", "evil");
        assertEquals("signature does not match the data", ReplySignature.verify(reply, VERIFIER, now()).reason());
        ObjectNode added = sealed(body(A_MAC, "alpha"), A_ID, now(), a);
        added.set("neighbours", JSON.createObjectNode().put("node_id", "02000000000a"));
        assertFalse(ReplySignature.verify(added, VERIFIER, now()).verified(), "a part added after signing");
        ObjectNode timed = sealed(body(A_MAC, "alpha"), A_ID, now(), a);
        ((ObjectNode) timed.get(ReplySignature.TYPE)).put("time", now() - 10);
        assertFalse(ReplySignature.verify(timed, VERIFIER, now()).verified(), "the time is signed too");
    }

    @Test
    void aForgedCertificateOrAnotherNodesClaimIsNotBelieved() throws Exception {
        ReplySignature.Verdict forged = ReplySignature.verify(sealed(body(B_MAC, "bravo"), B_ID, now(), foreign),
                VERIFIER, now());
        assertEquals("chain does not lead to the trust bundle", forged.reason());
        ReplySignature.Verdict claim = ReplySignature.verify(sealed(body(B_MAC, "bravo"), B_ID, now(), a), VERIFIER,
                now());
        assertEquals("signed by " + A_ID + " but claims " + B_ID, claim.reason());
        assertFalse(claim.verified());
    }

    @Test
    void aReplyOutsideItsTimeWindowIsNotBelieved() throws Exception {
        long t = now();
        assertEquals("signed 301 s ago (at most 300)", ReplySignature.verify(
                sealed(body(A_MAC, "alpha"), A_ID, t - 301, a), VERIFIER, t).reason());
        assertEquals("signed 301 s ahead of this node's clock (at most 300)", ReplySignature.verify(
                sealed(body(A_MAC, "alpha"), A_ID, t + 301, a), VERIFIER, t).reason());
        assertTrue(ReplySignature.verify(sealed(body(A_MAC, "alpha"), A_ID, t - 299, a), VERIFIER, t).verified());
    }

    @Test
    void aMalformedPartGetsOneReasonAndNoException() throws Exception {
        ObjectNode good = sealed(body(A_MAC, "alpha"), A_ID, now(), a);
        List<String> reasons = new ArrayList<>();
        for (String edit : List.of("v", "spiffe_id", "time", "chain", "chain-long", "chain-entry", "signature", "part")) {
            ObjectNode reply = good.deepCopy();
            ObjectNode p = (ObjectNode) reply.get(ReplySignature.TYPE);
            switch (edit) {
                case "v" -> p.put("v", 2);
                case "spiffe_id" -> p.put("spiffe_id", 7);
                case "time" -> p.put("time", "soon");
                case "chain" -> p.putArray("chain").add("not base64 !");
                case "chain-long" -> {
                    ArrayNode c = p.putArray("chain");
                    for (int i = 0; i < 9; i++) {
                        c.add(good.get(ReplySignature.TYPE).get("chain").get(0));
                    }
                }
                case "chain-entry" -> p.putArray("chain").add("QUJD");
                case "signature" -> p.remove("signature");
                default -> reply.put(ReplySignature.TYPE, "signed, trust me");
            }
            ReplySignature.Verdict v = ReplySignature.verify(reply, VERIFIER, now());
            assertFalse(v.verified(), edit);
            reasons.add(v.reason());
        }
        assertEquals(List.of("x0tta6bl4 part of an unknown form", "x0tta6bl4 part without a SPIFFE ID and a time",
                "x0tta6bl4 part without a SPIFFE ID and a time", "chain or signature is not base64",
                "certificate chain longer than 8", "chain is not DER X.509 certificates",
                "certificate chain without a signature", "x0tta6bl4 part of an unknown form"), reasons);
        assertEquals("unsigned", ReplySignature.verify(JSON.valueToTree(body(A_MAC, "alpha")), VERIFIER, now()).reason());
        assertEquals("signed, but this node has no identity service to check it",
                ReplySignature.verify(good, null, now()).reason());
    }

    @Test
    void theResponderSignsWhatItSendsEvenAfterACut() throws Exception {
        Map<String, Map<String, Object>> parts = new TreeMap<>(body(A_MAC, "alpha").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> castMap(e.getValue()))));
        byte[] noise = new byte[3000];
        new java.util.Random(7).nextBytes(noise); // hex of random bytes: about 3000 bytes even deflated
        parts.put("neighbours", Map.of("batadv", Map.of("pad", java.util.HexFormat.of().formatHex(noise))));
        ReplyBuilder.Sealer sealer = body -> ReplySignature.part(body, A_ID, now(), a::sign);
        RespondRequest ask = new RespondRequest(List.of("nodeinfo", "statistics", "neighbours", ReplySignature.TYPE), true);
        ReplyBuilder.Reply whole = ReplyBuilder.build(ask, parts::get, 8192, sealer);
        assertEquals(List.of(), whole.leftOut());
        ReplyBuilder.Reply cut = ReplyBuilder.build(ask, parts::get, 1500, sealer);
        assertEquals(List.of("neighbours"), cut.leftOut());
        for (ReplyBuilder.Reply r : List.of(whole, cut)) {
            JsonNode reply = JSON.readTree(RespondCodec.inflate(r.datagram(), r.datagram().length, 1 << 20));
            assertNotNull(reply.get(ReplySignature.TYPE));
            assertTrue(ReplySignature.verify(reply, VERIFIER, now()).verified(), reply.fieldNames().next());
        }
        RespondRequest plain = new RespondRequest(List.of("nodeinfo", "statistics"), true);
        byte[] plainReply = ReplyBuilder.build(plain, parts::get, 8192, sealer).datagram();
        JsonNode unasked = JSON.readTree(RespondCodec.inflate(plainReply, plainReply.length, 1 << 20));
        assertFalse(unasked.has(ReplySignature.TYPE), "only a collector that asks gets the signature");
    }

    @Test
    void aNodeIsVerifiedOnlyByItsOwnSignature() {
        Instant t = Instant.now();
        TreeMap<NodeId, Node> nodes = new TreeMap<>();
        for (String mac : List.of(A_MAC, B_MAC)) {
            nodes.put(NodeId.of(mac), new Node(NodeId.of(mac), List.of(mac), NodeRole.PEER, NodeState.UP, t, t, Map.of()));
        }
        TopologySnapshot snapshot = new TopologySnapshot(1, t, nodes, new TreeMap<>());
        ReplyFacts aboutA = new ReplyFacts("02000000000a", List.of(A_MAC), Map.of(NodeAttributes.HOSTNAME, "alpha"), null);
        ReplyFacts aboutB = new ReplyFacts("02000000000b", List.of(B_MAC), Map.of(NodeAttributes.HOSTNAME, "bravo"), null);
        List<NodeObservation> seen = CollectedNodes.observations(
                List.of(aboutA.signedBy(NodeId.of(A_MAC)), aboutB.signedBy(NodeId.of(A_MAC))), snapshot);
        assertEquals("true", seen.get(0).attributes().get(NodeAttributes.VERIFIED));
        assertEquals("false", seen.get(1).attributes().get(NodeAttributes.VERIFIED), "A's signature over facts about B");
        assertEquals("false", CollectedNodes.observations(List.of(aboutA), snapshot).get(0).attributes()
                .get(NodeAttributes.VERIFIED));
    }

    /**
     * Values of a signed reply, its x0tta6bl4 part's included, swapped for anything: never an
     * exception, never verified. 5,000 cases, since most reach a real ECDSA check (about 0.6 ms
     * each); the decoder's own fuzzing runs 25,000.
     */
    @Test
    void aScrambledSignedReplyIsNeverBelievedAndNeverThrows() throws Exception {
        ObjectNode good = sealed(body(A_MAC, "alpha"), A_ID, now(), a);
        java.util.Random random = new java.util.Random(1001);
        int verified = 0;
        for (int i = 0; i < SCRAMBLES; i++) {
            ObjectNode reply = good.deepCopy();
            for (int k = random.nextInt(3); k >= 0; k--) {
                RespondFuzzTest.scramble(reply, random, JSON);
            }
            ReplySignature.Verdict v;
            try {
                v = ReplySignature.verify(reply, VERIFIER, now());
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " threw " + e + " on " + reply, e);
            }
            verified += v.verified() ? 1 : 0;
            assertTrue(v.reason().length() <= 200, v.reason());
        }
        // every scramble changes a value, adds one or removes one
        assertEquals(0, verified, "scrambled replies verified");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Svid svid(String spiffeId, Path dir) throws Exception {
        Path store = Files.createTempFile(dir, "svid-", ".p12");
        Files.delete(store); // keytool refuses to write into an existing empty file
        char[] pass = "changeit".toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(pass), "-alias", "svid", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "O=x0tta6bl4 test",
                "-validity", "1", "-ext", "san=uri:" + spiffeId).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(keytool + " failed: " + out);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pass);
            return new Svid((X509Certificate) ks.getCertificate("svid"), (PrivateKey) ks.getKey("svid", pass));
        }
    }
}
