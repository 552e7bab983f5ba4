package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attestation over real mTLS connections on loopback: a client with node a's SVID attests
 * listeners that present good and bad SVIDs, and a listener rejects bad clients. Every
 * wait is bounded by the connect and handshake timeouts.
 */
class MtlsAttestationTest {

    private static final int CONNECT_MS = 2000;
    private static final int HANDSHAKE_MS = 3000;

    private final TestCa mesh = new TestCa("mesh.test");
    private final IdPolicy policy = IdPolicy.parse(IdPolicy.DEFAULT_PATTERN);
    private final SvidMaterial a = mesh.svid("a", Duration.ofHours(1));
    private final List<AutoCloseable> open = new ArrayList<>();
    private final LinkedBlockingQueue<AttestationResult> serverSide = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> serverFailures = new LinkedBlockingQueue<>();
    static final MtlsListener.Limits LIMITS = new MtlsListener.Limits(HANDSHAKE_MS * 2, HANDSHAKE_MS, 4, 10, 30, 32);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A listener presenting the given SVID (with its own CA as trust bundle for clients). */
    private InetSocketAddress listener(SvidMaterial svid) throws IOException {
        Tls.PeerCheck check = (chain, role) -> ChainVerifier.verify(chain, null, "mesh.test", List.of(mesh.ca.cert()),
                policy, Instant.now(), role);
        MtlsListener l = new MtlsListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> {
            try {
                return Tls.context(svid, check, refused -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, check, svid::spiffeId, LIMITS, new MtlsListener.Incoming() {
            @Override
            public void attested(AttestationResult proven, InetSocketAddress from) {
                serverSide.add(proven);
            }

            @Override
            public void failed(InetSocketAddress from, String reason) {
                serverFailures.add(from.getAddress().getHostAddress() + " " + reason);
            }
        });
        open.add(l);
        return l.address();
    }

    private Attester.Outcome attest(SvidMaterial client, NodeId expected, InetSocketAddress at) {
        return attest(client, expected, at, policy);
    }

    static Attester.Outcome attest(SvidMaterial client, NodeId expected, InetSocketAddress at, IdPolicy policy) {
        String td = client.trustDomain();
        return Attester.attest(expected, at, new Attester.ContextFactory() {
            @Override
            public javax.net.ssl.SSLContext create(NodeId exp,
                    java.util.concurrent.atomic.AtomicReference<AttestationResult> checked)
                    throws java.security.GeneralSecurityException {
                return Tls.context(client, (chain, role) -> ChainVerifier.verify(chain, exp, td, client.bundle(),
                        policy, Instant.now(), role), checked::set);
            }

            @Override
            public AttestationResult verify(List<java.security.cert.X509Certificate> chain, NodeId exp) {
                return ChainVerifier.verify(chain, exp, td, client.bundle(), policy, Instant.now(),
                        ChainVerifier.Role.SERVER);
            }
        }, CONNECT_MS, HANDSHAKE_MS);
    }

    private SvidMaterial peer(Certs.Issued leaf, List<java.security.cert.X509Certificate> bundle) {
        return new SvidMaterial("spiffe://unused", "mesh.test", List.of(leaf.cert()), leaf.key(), bundle, "test", false);
    }

    private SvidMaterial issued(String uri, Instant notBefore, Instant notAfter) {
        Certs.Issued leaf = Certs.leaf(mesh.ca, uri == null ? List.of() : List.of(uri), notBefore, notAfter);
        return peer(leaf, List.of(mesh.ca.cert()));
    }

    private AttestationResult rejected(SvidMaterial server, String reasonPart) throws IOException {
        Attester.Outcome o = attest(a, null, listener(server));
        assertEquals(Attester.Kind.FAILED, o.kind(), o.result().reason());
        assertFalse(o.result().attested());
        assertTrue(o.result().reason().contains(reasonPart), o.result().reason());
        return o.result();
    }

    @Test
    void aValidPeerIsAttestedBothWays() throws Exception {
        SvidMaterial b = mesh.svid("b", Duration.ofHours(1));
        Attester.Outcome o = attest(a, NodeId.of("b"), listener(b));
        assertEquals(Attester.Kind.ATTESTED, o.kind(), o.result().reason());
        AttestationResult r = o.result();
        assertTrue(r.attested());
        assertEquals(NodeId.of("b"), r.node());
        assertEquals("spiffe://mesh.test/mesh/node/b", r.spiffeId());
        assertEquals(AttestationResult.OK, r.reason());
        assertEquals(b.notAfter(), r.notAfter());
        AttestationResult incoming = serverSide.poll(5, TimeUnit.SECONDS);
        assertTrue(incoming != null && incoming.attested(), String.valueOf(incoming));
        assertEquals(NodeId.of("a"), incoming.node());
    }

    @Test
    void wrongTrustDomain() throws Exception {
        TestCa other = new TestCa("other.test");
        Certs.Issued leaf = other.issue("spiffe://other.test/mesh/node/b", Duration.ofHours(1));
        AttestationResult r = rejected(peer(leaf, List.of(other.ca.cert())), "trust domain 'other.test' is not 'mesh.test'");
        assertEquals(null, r.spiffeId(), "an unproven certificate's SPIFFE ID is not kept");
        assertEquals(null, r.node(), "nor the node it claims");
    }

    @Test
    void wrongPath() throws Exception {
        Instant now = Instant.now();
        rejected(issued("spiffe://mesh.test/workload/b", now.minusSeconds(5), now.plusSeconds(3600)),
                "path '/workload/b' does not match '/mesh/node/{node-id}'");
    }

    @Test
    void aMacNamedNodeIsMatchedByItsPathSegmentAndRecordedUnderItsMac() throws Exception {
        // SPIFFE paths allow no ':': a batman-adv originator's SVID names it with '-'.
        SvidMaterial b = mesh.svid("02-00-00-00-02-01", Duration.ofHours(1));
        NodeId mac = NodeId.of("02:00:00:00:02:01");
        Attester.Outcome o = attest(a, mac, listener(b));
        assertEquals(Attester.Kind.ATTESTED, o.kind(), o.result().reason());
        assertEquals(mac, o.result().node());
        assertEquals("spiffe://mesh.test/mesh/node/02-00-00-00-02-01", o.result().spiffeId());
        assertEquals("spiffe://mesh.test/mesh/node/02-00-00-00-02-01", policy.idFor("mesh.test", mac));
        assertEquals(java.util.Optional.of(mac), policy.nodeOf("/mesh/node/02-00-00-00-02-01"),
                "the other direction, incoming attestations included, names the node by its MAC too");
        assertEquals(java.util.Optional.of(NodeId.of("a-b")), policy.nodeOf("/mesh/node/a-b"));
        Attester.Outcome wrong = attest(a, NodeId.of("02:00:00:00:03:02"), listener(b));
        assertTrue(wrong.result().reason().contains("for node '02-00-00-00-02-01', expected '02-00-00-00-03-02'"),
                wrong.result().reason());
    }

    @Test
    void wrongNode() throws Exception {
        SvidMaterial b = mesh.svid("b", Duration.ofHours(1));
        Attester.Outcome o = attest(a, NodeId.of("c"), listener(b));
        assertEquals(Attester.Kind.FAILED, o.kind());
        assertTrue(o.result().reason().contains("for node 'b', expected 'c'"), o.result().reason());
    }

    @Test
    void expired() throws Exception {
        Instant now = Instant.now();
        AttestationResult r = rejected(issued("spiffe://mesh.test/mesh/node/b", now.minusSeconds(7200),
                now.minusSeconds(3600)), "expired at");
        assertEquals(null, r.node(), "no node was expected: the one the certificate names is not proven");
    }

    @Test
    void notYetValid() throws Exception {
        Instant now = Instant.now();
        rejected(issued("spiffe://mesh.test/mesh/node/b", now.plusSeconds(3600), now.plusSeconds(7200)),
                "not valid before");
    }

    @Test
    void selfSigned() throws Exception {
        Instant now = Instant.now();
        Certs.Issued leaf = Certs.leaf(null, List.of("spiffe://mesh.test/mesh/node/b"), now.minusSeconds(5),
                now.plusSeconds(3600));
        rejected(peer(leaf, List.of(leaf.cert())), "self-signed");
    }

    @Test
    void untrustedCa() throws Exception {
        TestCa rogue = new TestCa("mesh.test");
        Certs.Issued leaf = rogue.issue("spiffe://mesh.test/mesh/node/b", Duration.ofHours(1));
        rejected(peer(leaf, List.of(rogue.ca.cert())), "not issued by an authority in the trust bundle of 'mesh.test'");
    }

    @Test
    void missingUriSan() throws Exception {
        Instant now = Instant.now();
        rejected(issued(null, now.minusSeconds(5), now.plusSeconds(3600)), "no SPIFFE URI SAN");
    }

    @Test
    void garbageOnThePort() throws Exception {
        ServerSocket garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        open.add(garbage);
        Thread t = new Thread(() -> {
            try (Socket s = garbage.accept(); OutputStream out = s.getOutputStream()) {
                byte[] junk = new byte[4096];
                new Random(42).nextBytes(junk);
                out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes());
                out.write(junk);
                out.flush();
                s.getInputStream().read(new byte[1024]);
            } catch (IOException e) {
                // the client gave up
            }
        }, "x0tta6bl4-identity-test-garbage");
        t.setDaemon(true);
        t.start();
        long t0 = System.nanoTime();
        Attester.Outcome o = attest(a, null, (InetSocketAddress) garbage.getLocalSocketAddress());
        assertEquals(Attester.Kind.FAILED, o.kind());
        assertTrue(o.result().reason().contains("TLS handshake with"), o.result().reason());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < HANDSHAKE_MS + 1000);
    }

    @Test
    void aSilentPortTimesOut() throws Exception {
        ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        open.add(silent);
        long t0 = System.nanoTime();
        Attester.Outcome o = attest(a, null, (InetSocketAddress) silent.getLocalSocketAddress());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(Attester.Kind.FAILED, o.kind());
        assertTrue(o.result().reason().contains("within " + HANDSHAKE_MS + " ms"), o.result().reason());
        assertTrue(ms >= HANDSHAKE_MS - 100 && ms < HANDSHAKE_MS + 2000, ms + " ms");
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Attester.Outcome o = attest(a, NodeId.of("b"), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertEquals(Attester.Kind.UNREACHABLE, o.kind());
        assertTrue(o.result().reason().startsWith("cannot connect to"), o.result().reason());
    }

    @Test
    void theListenerRejectsABadClientWithTheReason() throws Exception {
        Instant now = Instant.now();
        SvidMaterial b = mesh.svid("b", Duration.ofHours(1));
        SvidMaterial expiredClient = issued("spiffe://mesh.test/mesh/node/c", now.minusSeconds(7200),
                now.minusSeconds(3600));
        Attester.Outcome o = attest(expiredClient, null, listener(b));
        assertEquals(Attester.Kind.FAILED, o.kind());
        assertTrue(o.result().reason().contains("refused ours"), o.result().reason());
        String failure = serverFailures.poll(5, TimeUnit.SECONDS);
        assertTrue(failure != null && failure.startsWith("127.0.0.1 "), String.valueOf(failure));
        assertTrue(failure.contains("expired at"), failure);
        assertTrue(serverSide.isEmpty(), "nothing attested: " + serverSide);
    }
}
