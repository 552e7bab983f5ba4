package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import org.junit.jupiter.api.Test;

/**
 * The facts record with a signature: published bytes read back and checked, tampering
 * caught. The verifier stands in for the identity service: it checks the signature with
 * the leaf's key and the leaf against the fixture CA (the identity bundle's own tests cover
 * trust domains and policies).
 */
class SignedFactsTest {

    private static final String ID = "spiffe://mesh.test/mesh/node/a";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final NodeFacts facts = new NodeFacts("02:00:00:00:0a:01", ID, "0.1.0", "up 2, down 0",
            1_700_000_000_000L, null);

    private static List<X509Certificate> certs(String name) throws Exception {
        try (InputStream in = SignedFactsTest.class.getResourceAsStream("/facts/" + name)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static PrivateKey key() throws Exception {
        try (InputStream in = SignedFactsTest.class.getResourceAsStream("/facts/svid-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }

    private static SvidSignature sign(byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key());
        s.update(data);
        return new SvidSignature(certs("svid.pem"), s.sign());
    }

    private static final BiFunction<byte[], SvidSignature, AttestationResult> VERIFIER = (data, sig) -> {
        Instant now = Instant.now();
        X509Certificate leaf = sig.chain().get(0);
        try {
            leaf.verify(certs("ca.pem").get(0).getPublicKey());
        } catch (Exception e) {
            return AttestationResult.failure(null, ID, "certificate is not issued by the fixture CA", now, null);
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(leaf.getPublicKey());
            s.update(data);
            return s.verify(sig.signature()) ? AttestationResult.success(null, ID, now, null)
                    : AttestationResult.failure(null, ID, "signature does not match the data", now, null);
        } catch (GeneralSecurityException e) {
            return AttestationResult.failure(null, ID, "signature does not match the data", now, null);
        }
    };

    private byte[] signedRecord() throws Exception {
        return SignedFacts.encode(facts, sign(SignedFacts.canonical(facts)));
    }

    @Test
    void signedRecordRoundTripsAndVerifies() throws Exception {
        SignedFacts read = SignedFacts.decode(signedRecord(), "02:00:00:00:0a:01");
        assertEquals(facts.nodeId(), read.facts().nodeId());
        assertEquals(facts.timestamp(), read.facts().timestamp());
        assertEquals(certs("svid.pem"), read.signature().chain());
        SignedFacts.Trust t = read.check(VERIFIER);
        assertEquals("verified " + ID, t.line());
        assertEquals(ID, t.signer());
    }

    @Test
    void keyOrderAndSpacingDoNotMatter() throws Exception {
        ObjectNode o = (ObjectNode) MAPPER.readTree(signedRecord());
        ObjectNode reordered = MAPPER.createObjectNode();
        List.of("signature", "timestamp", "chain", "health", "version", "spiffeId", "nodeId")
                .forEach(k -> reordered.set(k, o.get(k)));
        byte[] pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(reordered);
        assertEquals("verified " + ID, SignedFacts.decode(pretty, "x").check(VERIFIER).line());
    }

    @Test
    void tamperedValueIsInvalid() throws Exception {
        ObjectNode o = (ObjectNode) MAPPER.readTree(signedRecord());
        o.put("health", "up 9, down 0");
        SignedFacts.Trust t = SignedFacts.decode(MAPPER.writeValueAsBytes(o), "x").check(VERIFIER);
        assertEquals("invalid: signature does not match the data", t.line());
    }

    @Test
    void claimedSpiffeIdMustBeTheSigners() throws Exception {
        NodeFacts liar = new NodeFacts(facts.nodeId(), "spiffe://mesh.test/mesh/node/b", facts.version(),
                facts.health(), facts.timestamp(), null);
        byte[] record = SignedFacts.encode(liar, sign(SignedFacts.canonical(liar)));
        assertEquals("invalid: signed by " + ID + " but claims spiffe://mesh.test/mesh/node/b",
                SignedFacts.decode(record, "x").check(VERIFIER).line());
    }

    @Test
    void unsignedRecordIsTheOldFormatAndSaysUnsigned() throws Exception {
        byte[] record = SignedFacts.encode(facts, null);
        assertEquals(((ObjectNode) MAPPER.readTree(facts.toJson())).without("source"), MAPPER.readTree(record));
        SignedFacts read = SignedFacts.decode(record, "x");
        assertNull(read.signature());
        assertEquals("unsigned", read.check(VERIFIER).line());
        assertEquals("unsigned", read.check(null).line());
    }

    @Test
    void signedRecordWithoutIdentityIsNotTrusted() throws Exception {
        assertEquals("invalid: cannot be checked: this node has no identity service",
                SignedFacts.decode(signedRecord(), "x").check(null).line());
    }

    @Test
    void malformedSignaturePartsAreInvalidWithAReason() throws Exception {
        ObjectNode o = (ObjectNode) MAPPER.readTree(signedRecord());
        assertEquals("invalid: signature without a certificate chain", check(o.deepCopy().without("chain")));
        assertEquals("invalid: certificate chain without a signature", check(o.deepCopy().without("signature")));
        ObjectNode badBase64 = o.deepCopy();
        badBase64.put("signature", "***");
        assertEquals("invalid: chain or signature is not base64", check(badBase64));
        ObjectNode notDer = o.deepCopy();
        notDer.putArray("chain").add(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        assertEquals("invalid: chain is not DER X.509 certificates", check(notDer));
        ObjectNode numbers = o.deepCopy();
        numbers.putArray("chain").add(7);
        assertEquals("invalid: chain entry 0 is not a base64 string", check(numbers));
    }

    @Test
    void notFactsAtAllIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> SignedFacts.decode("{\"chain\":[]}".getBytes(StandardCharsets.UTF_8), "02:aa"));
        assertEquals("facts from 02:aa lack nodeId", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private String check(ObjectNode o) throws Exception {
        return SignedFacts.decode(MAPPER.writeValueAsBytes(o), "x").check(VERIFIER).line();
    }

    @Test
    void controlEndpointsTravelUnsigned() throws IOException {
        NodeFacts plain = new NodeFacts("02:00:00:00:0a:01", null, "0.1.0", "ok", 1L, null);
        NodeFacts withControl = new NodeFacts("02:00:00:00:0a:01", null, "0.1.0", "ok", 1L, null,
                java.util.List.of("10.99.0.1:7443", "[fd00::1]:7443"));
        assertEquals(new String(SignedFacts.canonical(plain), StandardCharsets.UTF_8),
                new String(SignedFacts.canonical(withControl), StandardCharsets.UTF_8),
                "the endpoints are not part of the signed bytes");
        NodeFacts read = SignedFacts.decode(SignedFacts.encode(withControl, null), "src").facts();
        assertEquals(withControl.control(), read.control());
        assertEquals(java.util.List.of(), SignedFacts.decode(SignedFacts.encode(plain, null), "src").facts().control());
    }
}
