package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;
import org.junit.jupiter.api.Test;

/** Signatures made with SVID keys from a test trust-domain CA, checked as a peer would. */
class SvidSignaturesTest {

    private static final byte[] DATA = "{\"nodeId\":\"02:00:00:00:0a:01\"}".getBytes(StandardCharsets.UTF_8);

    private final TestCa mesh = new TestCa("mesh.test");
    private final IdPolicy policy = IdPolicy.parse(IdPolicy.DEFAULT_PATTERN);
    private final SvidMaterial a = mesh.svid("a", Duration.ofHours(1));

    private AttestationResult verify(byte[] data, SvidSignature s) {
        return SvidSignatures.verify(data, s, "mesh.test", List.of(mesh.ca.cert()), policy, Instant.now());
    }

    @Test
    void signThenVerifyNamesTheSigner() throws Exception {
        SvidSignature s = SvidSignatures.sign(a, DATA);
        assertEquals("SHA256withECDSA", SvidSignatures.algorithm(a.key()));
        AttestationResult r = verify(DATA, s);
        assertTrue(r.attested(), r.reason());
        assertEquals("spiffe://mesh.test/mesh/node/a", r.spiffeId());
        assertEquals(NodeId.of("a"), r.node());
    }

    @Test
    void tamperedDataIsRejected() throws Exception {
        SvidSignature s = SvidSignatures.sign(a, DATA);
        byte[] tampered = DATA.clone();
        tampered[5] ^= 1;
        AttestationResult r = verify(tampered, s);
        assertFalse(r.attested());
        assertEquals("signature does not match the data", r.reason());
        assertEquals("spiffe://mesh.test/mesh/node/a", r.spiffeId());
    }

    @Test
    void tamperedSignatureIsRejected() throws Exception {
        byte[] sig = SvidSignatures.sign(a, DATA).signature();
        sig[sig.length - 1] ^= 1;
        AttestationResult r = verify(DATA, new SvidSignature(a.chain(), sig));
        assertFalse(r.attested());
        assertTrue(r.reason().startsWith("signature"), r.reason());
    }

    @Test
    void chainFromAForeignTrustDomainIsRejected() throws Exception {
        SvidMaterial foreign = new TestCa("other.org").svid("a", Duration.ofHours(1));
        AttestationResult r = verify(DATA, SvidSignatures.sign(foreign, DATA));
        assertFalse(r.attested());
        assertEquals("trust domain 'other.org' is not 'mesh.test'", r.reason());
    }

    @Test
    void chainFromAnotherCaOfTheSameDomainIsRejected() throws Exception {
        SvidMaterial rogue = new TestCa("mesh.test").svid("a", Duration.ofHours(1));
        AttestationResult r = verify(DATA, SvidSignatures.sign(rogue, DATA));
        assertFalse(r.attested());
        assertTrue(r.reason().startsWith("certificate is not issued by an authority in the trust bundle of 'mesh.test'"),
                r.reason());
    }

    @Test
    void signatureUnderSomeoneElsesChainIsRejected() throws Exception {
        SvidMaterial b = mesh.svid("b", Duration.ofHours(1));
        SvidSignature byA = SvidSignatures.sign(a, DATA);
        AttestationResult r = verify(DATA, new SvidSignature(b.chain(), byA.signature()));
        assertFalse(r.attested());
        assertEquals("spiffe://mesh.test/mesh/node/b", r.spiffeId());
        assertTrue(r.reason().startsWith("signature"), r.reason());
    }
}
