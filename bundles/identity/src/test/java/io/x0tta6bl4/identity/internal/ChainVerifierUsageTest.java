package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * X509-SVID key usage rules: a leaf signs (digitalSignature) and signs no certificates, its
 * extended key usage allows the TLS role it plays, and a CA in the chain may sign
 * certificates. Each wrong certificate, issued by the trusted test CA, is refused with the
 * reason; one of them also through a real listener.
 */
class ChainVerifierUsageTest {

    private static final String NODE = "spiffe://mesh.test/mesh/node/b";
    private static final int LEAF_KU = KeyUsage.digitalSignature | KeyUsage.keyAgreement;
    private static final KeyPurposeId[] BOTH = {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};

    private final TestCa mesh = new TestCa("mesh.test");
    private final IdPolicy policy = IdPolicy.parse(IdPolicy.DEFAULT_PATTERN);

    private AttestationResult verify(List<X509Certificate> chain, ChainVerifier.Role role) {
        return ChainVerifier.verify(chain, NodeId.of("b"), "mesh.test", List.of(mesh.ca.cert()), policy, Instant.now(),
                role);
    }

    private AttestationResult leaf(int ku, KeyPurposeId[] eku, ChainVerifier.Role role) throws Exception {
        return verify(List.of(UsageCerts.issue(mesh.ca, NODE, ku, eku, false).cert()), role);
    }

    private static void refused(AttestationResult r, String reason) {
        assertFalse(r.attested(), r.toString());
        assertEquals(reason, r.reason());
    }

    @Test
    void aCorrectLeafPassesInEveryRole() throws Exception {
        for (ChainVerifier.Role role : ChainVerifier.Role.values()) {
            AttestationResult r = leaf(LEAF_KU, BOTH, role);
            assertTrue(r.attested(), role + ": " + r.reason());
        }
        assertTrue(leaf(KeyUsage.digitalSignature, null, ChainVerifier.Role.CLIENT).attested(), "EKU is optional");
    }

    @Test
    void leafKeyUsageMustBeDigitalSignatureAndNoCertificateSigning() throws Exception {
        refused(leaf(-1, BOTH, ChainVerifier.Role.CLIENT),
                "leaf certificate has no key usage (an X509-SVID must have digitalSignature)");
        refused(leaf(KeyUsage.keyEncipherment, BOTH, ChainVerifier.Role.CLIENT),
                "leaf certificate key usage lacks digitalSignature");
        refused(leaf(KeyUsage.digitalSignature | KeyUsage.keyCertSign, BOTH, ChainVerifier.Role.SERVER),
                "leaf certificate key usage has keyCertSign or cRLSign, which an X509-SVID must not have");
        refused(leaf(KeyUsage.digitalSignature | KeyUsage.cRLSign, BOTH, ChainVerifier.Role.ANY),
                "leaf certificate key usage has keyCertSign or cRLSign, which an X509-SVID must not have");
    }

    @Test
    void extendedKeyUsageMustAllowTheRole() throws Exception {
        refused(leaf(LEAF_KU, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}, ChainVerifier.Role.CLIENT),
                "leaf certificate extended key usage does not allow clientAuth (a TLS client)");
        refused(leaf(LEAF_KU, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, ChainVerifier.Role.SERVER),
                "leaf certificate extended key usage does not allow serverAuth (a TLS server)");
        refused(leaf(LEAF_KU, new KeyPurposeId[] {KeyPurposeId.id_kp_codeSigning}, ChainVerifier.Role.SERVER),
                "leaf certificate extended key usage does not allow serverAuth (a TLS server)");
        assertTrue(leaf(LEAF_KU, new KeyPurposeId[] {KeyPurposeId.anyExtendedKeyUsage}, ChainVerifier.Role.SERVER)
                .attested());
    }

    @Test
    void aCaInTheChainMustHaveKeyCertSign() throws Exception {
        Certs.Issued intermediate = UsageCerts.issue(mesh.ca, "spiffe://mesh.test", KeyUsage.digitalSignature, null,
                true);
        Certs.Issued leaf = UsageCerts.issue(intermediate, NODE, LEAF_KU, BOTH, false);
        AttestationResult r = verify(List.of(leaf.cert(), intermediate.cert()), ChainVerifier.Role.CLIENT);
        assertFalse(r.attested());
        assertTrue(r.reason().startsWith("chain certificate ") && r.reason().endsWith(
                "key usage lacks keyCertSign, so it may not sign certificates"), r.reason());

        Certs.Issued goodIntermediate = UsageCerts.issue(mesh.ca, "spiffe://mesh.test",
                KeyUsage.keyCertSign | KeyUsage.cRLSign, null, true);
        Certs.Issued good = UsageCerts.issue(goodIntermediate, NODE, LEAF_KU, BOTH, false);
        AttestationResult ok = verify(List.of(good.cert(), goodIntermediate.cert()), ChainVerifier.Role.CLIENT);
        assertTrue(ok.attested(), ok.reason());
    }

    @Test
    void aListenerRefusesAClientWhoseCertificateIsForServersOnly() throws Exception {
        SvidMaterial server = mesh.svid("srv", Duration.ofHours(1));
        Certs.Issued serverOnly = UsageCerts.issue(mesh.ca, NODE, LEAF_KU,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}, false);
        SvidMaterial client = SvidMaterial.of(List.of(serverOnly.cert()), serverOnly.key(), List.of(mesh.ca.cert()),
                "test", false);
        LinkedBlockingQueue<String> failures = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<AttestationResult> attested = new LinkedBlockingQueue<>();
        Tls.PeerCheck check = (chain, role) -> ChainVerifier.verify(chain, null, "mesh.test", List.of(mesh.ca.cert()),
                policy, Instant.now(), role);
        try (MtlsListener l = new MtlsListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> {
                    try {
                        return Tls.context(server, check, r -> { });
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, check, server::spiffeId, MtlsAttestationTest.LIMITS, new MtlsListener.Incoming() {
                    @Override
                    public void attested(AttestationResult proven, InetSocketAddress from) {
                        attested.add(proven);
                    }

                    @Override
                    public void failed(InetSocketAddress from, String reason) {
                        failures.add(reason);
                    }
                })) {
            Attester.Outcome o = MtlsAttestationTest.attest(client, NodeId.of("srv"), l.address(), policy);
            assertEquals(Attester.Kind.FAILED, o.kind(), o.result().reason());
            String why = failures.poll(5, TimeUnit.SECONDS);
            assertEquals("leaf certificate extended key usage does not allow clientAuth (a TLS client)", why);
            assertTrue(attested.isEmpty(), attested.toString());
        }
    }
}
