package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private final NodeFacts facts = new NodeFacts("a", ID, "0.1.0", "up 2, down 0",
            1_700_000_000_000L, null, List.of("10.99.0.1:7443"), List.of("02:00:00:00:0a:01"));

    private static SvidSignature sign(byte[] data) {
        return Svids.sign("svid", data);
    }

    private static final BiFunction<byte[], SvidSignature, AttestationResult> VERIFIER = Svids.VERIFIER;

    private byte[] signedRecord() throws Exception {
        return SignedFacts.encode(facts, sign(SignedFacts.canonical(facts)));
    }

    @Test
    void signedRecordRoundTripsAndVerifies() throws Exception {
        SignedFacts read = SignedFacts.decode(signedRecord(), "02:00:00:00:0a:01");
        assertEquals(facts.nodeId(), read.facts().nodeId());
        assertEquals(facts.timestamp(), read.facts().timestamp());
        assertEquals(facts.control(), read.facts().control());
        assertEquals(facts.macs(), read.facts().macs());
        assertEquals(2, read.format());
        assertEquals(Svids.certs("svid.pem"), read.signature().chain());
        SignedFacts.Trust t = read.check(VERIFIER);
        assertEquals("verified " + ID, t.line());
        assertEquals(ID, t.signer());
        assertTrue(t.usable());
    }

    @Test
    void keyOrderAndSpacingDoNotMatter() throws Exception {
        ObjectNode o = (ObjectNode) MAPPER.readTree(signedRecord());
        ObjectNode reordered = MAPPER.createObjectNode();
        List.of("signature", "macs", "timestamp", "chain", "health", "control", "version", "format", "spiffeId",
                "nodeId")
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
                facts.health(), facts.timestamp(), null, facts.control(), facts.macs());
        byte[] record = SignedFacts.encode(liar, sign(SignedFacts.canonical(liar)));
        assertEquals("invalid: signed by " + ID + " but claims spiffe://mesh.test/mesh/node/b",
                SignedFacts.decode(record, "x").check(VERIFIER).line());
    }

    @Test
    void unsignedRecordIsTheOldFormatAndSaysUnsigned() throws Exception {
        byte[] record = SignedFacts.encode(facts, null);
        assertEquals(((ObjectNode) ((ObjectNode) MAPPER.readTree(facts.toJson())).without("source")).put("format", 2),
                MAPPER.readTree(record));
        SignedFacts read = SignedFacts.decode(record, "x");
        assertNull(read.signature());
        assertEquals("unsigned", read.check(VERIFIER).line());
        assertEquals("unsigned", read.check(null).line());
        assertFalse(read.check(VERIFIER).usable());
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
    void controlEndpointsAndMacsAreSigned() throws Exception {
        assertTrue(new String(SignedFacts.canonical(facts), StandardCharsets.UTF_8).startsWith(
                "x0tta6bl4-facts-v2\n{\"nodeId\":\"a\",\"spiffeId\":\"" + ID + "\",\"version\":\"0.1.0\","
                + "\"health\":\"up 2, down 0\",\"timestamp\":1700000000000,\"control\":[\"10.99.0.1:7443\"],"
                + "\"macs\":[\"02:00:00:00:0a:01\"]}"));
        ObjectNode endpoint = (ObjectNode) MAPPER.readTree(signedRecord());
        endpoint.putArray("control").add("10.66.6.6:7443");
        assertEquals("invalid: signature does not match the data", check(endpoint));
        ObjectNode mac = (ObjectNode) MAPPER.readTree(signedRecord());
        mac.withArray("macs").add("02:66:66:66:66:66");
        assertEquals("invalid: signature does not match the data", check(mac));
    }

    @Test
    void aV1RecordOfAnOlderNodeIsShownButNotUsable() throws Exception {
        NodeFacts old = new NodeFacts("a", ID, "0.1.0", "ok", 1L, null, List.of("10.66.6.6:7443"));
        ObjectNode o = (ObjectNode) MAPPER.readTree(SignedFacts.encode(old, null));
        o.remove("format");
        SvidSignature sig = sign(SignedFacts.canonicalV1(old));
        o.putArray("chain").add(Base64.getEncoder().encodeToString(sig.chain().get(0).getEncoded()));
        o.put("signature", Base64.getEncoder().encodeToString(sig.signature()));
        SignedFacts read = SignedFacts.decode(MAPPER.writeValueAsBytes(o), "x");
        assertEquals(1, read.format());
        SignedFacts.Trust t = read.check(VERIFIER);
        assertEquals("verified-v1 " + ID + " (old format: endpoints and MACs unsigned, not used)", t.line());
        assertFalse(t.usable());
        // The same signature presented as format 2 does not hold.
        o.put("format", 2);
        assertEquals("invalid: signature does not match the data", check(o));
        o.put("format", 7);
        assertEquals("invalid: unknown facts format 7", check(o));
    }

    @Test
    void aRecordSignedByAnotherNodeIsInvalid() throws Exception {
        NodeFacts aboutB = new NodeFacts(Svids.node(Svids.B).value(), null, "0.1.0", "ok", 1L, null,
                List.of("10.66.6.6:7443"), List.of("02:66:66:66:66:66"));
        SignedFacts.Trust t = SignedFacts.decode(Svids.record(Svids.X, aboutB), "x").check(VERIFIER);
        assertEquals("invalid: signed by " + Svids.spiffeId(Svids.X) + ", which names node 02:00:00:00:0e:01, but "
                + "the record is about 02:00:00:00:02:01", t.line());
        assertFalse(t.usable());
        assertTrue(SignedFacts.decode(Svids.record(Svids.B, aboutB), "x").check(VERIFIER).usable());
    }

    @Test
    void aMalformedNodeIdIsInvalidNotAnException() throws Exception {
        NodeFacts bad = new NodeFacts("NOT A NODE\n", null, "0.1.0", "ok", 1L, null);
        SignedFacts.Trust t = SignedFacts.decode(Svids.record(Svids.X, bad), "x").check(VERIFIER);
        assertEquals("invalid: node id 'NOT A NODE?' is malformed", t.line());
    }
}
