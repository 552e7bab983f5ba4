package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.PeerEndpoints;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.testing.Waits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remediation of peer-trust incidents through the real Camel routes, with the re-attest action
 * dialling a real listening socket at the endpoint a PeerEndpoints stand-in gives. The listener
 * plays the peer's control listener: it writes the node id it proves, or another one when the
 * peer is not who it should be. The attestor stand-in reads that line over a real connection.
 */
class PeerTrustTest {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);

    private static final String NODE = "02:00:00:00:00:0a";

    private final Map<NodeId, InetSocketAddress> signedEndpoints = new ConcurrentHashMap<>();
    private final Map<NodeId, AttestationResult> records = new ConcurrentHashMap<>();
    private final List<String> quarantined = new CopyOnWriteArrayList<>();
    private final AtomicReference<PeerEndpoints> endpoints = new AtomicReference<>(n -> Optional.ofNullable(signedEndpoints.get(n)));
    private final Listener listener = new Listener();
    private HealingPipeline pipeline;

    @AfterEach
    void close() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
        listener.close();
    }

    private HealingPipeline start() throws Exception {
        HealingConfig c = new HealingConfigReader(w -> { throw new AssertionError(w); }).read(HealingConfig.DEFAULTS, Map.of(
                HealingConfig.CORRELATION_WINDOW, "0", "verify.delay.ms", "0", "backoff.initial.ms", "1",
                "notify.uri", "log:io.x0tta6bl4.healing.test?level=OFF"));
        ActionRegistry registry = new ActionRegistry();
        pipeline = new HealingPipeline(Clock.systemUTC(), c, registry, KnowledgeStore.inMemory(), Publisher.NONE,
                () -> null, w -> { });
        PeerAttestations attestations = attestations();
        BuiltInActions.register(registry, new ActionServices(() -> null, () -> null, this::guard, () -> null,
                this::attestor, endpoints::get, () -> attestations), null, pipeline.template(), () -> c.notifyUri());
        pipeline.engine().attestationsFrom(() -> attestations);
        pipeline.start();
        return pipeline;
    }

    private void report(String kind, String subject, Severity severity) {
        pipeline.bridge().handleEvent(HealthEvent.of(IdentityHealth.AREA, kind, subject, severity,
                "io.x0tta6bl4.identity").toEvent());
    }

    private Incident incident() {
        List<Incident> all = pipeline.engine().incidents(false);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    /** Whether the only incident is in the state (for waits: no incident yet is not an error). */
    private boolean onlyIncidentIs(IncidentState state) {
        List<Incident> all = pipeline.engine().incidents(false);
        return all.size() == 1 && all.get(0).state() == state;
    }

    private static List<String> outcomes(Incident i) {
        return i.actions().stream().map(a -> a.action() + " " + a.outcome()).toList();
    }

    private static String details(Incident i, String action) {
        return i.actions().stream().filter(a -> a.action().equals(action)).map(ActionRecord::details)
                .reduce((a, b) -> b).orElse("");
    }

    // ------------------------------------------------------------------ re-attest

    @Test
    void reattestDialsTheEndpointTheNodeSignedAndItsSuccessResolvesTheIncident() throws Exception {
        listener.proves(NODE);
        signedEndpoints.put(NodeId.of(NODE), listener.address());
        start();
        report(IdentityHealth.PEER_UNATTESTED, NODE, Severity.WARNING);
        Waits.until(WAIT, () -> onlyIncidentIs(IncidentState.RESOLVED));
        Incident i = incident();
        assertEquals(List.of("re-attest SUCCEEDED"), outcomes(i));
        assertTrue(details(i, "re-attest").contains("at 127.0.0.1:" + listener.address().getPort()), details(i, "re-attest"));
        assertEquals("VERIFIED", i.actions().get(0).verification());
        assertEquals(1, listener.accepted.get(), "one connection to the signed endpoint");
        assertTrue(quarantined.isEmpty());
    }

    @Test
    void withoutASignedEndpointReattestIsNotApplicableAndNoQuarantineIsPlanned() throws Exception {
        start();
        // a forged incoming handshake named a good node: that claim is all healing has
        report(IdentityHealth.PEER_ATTESTATION_FAILED, NODE, Severity.WARNING);
        Waits.until(WAIT, () -> onlyIncidentIs(IncidentState.ESCALATED));
        Incident i = incident();
        assertEquals(List.of("re-attest SKIPPED", "quarantine SKIPPED", "notify SUCCEEDED"), outcomes(i));
        assertTrue(details(i, "re-attest").contains("not applicable: no valid, fresh signed control endpoint known for "
                + NODE), details(i, "re-attest"));
        assertTrue(details(i, "quarantine").contains("no verified failure of " + NODE), details(i, "quarantine"));

        endpoints.set(null); // the mesh provider that signs endpoints is not installed
        report(IdentityHealth.PEER_UNATTESTED, "10.9.8.7", Severity.WARNING);
        Waits.until(WAIT, () -> pipeline.engine().incidents(false).size() == 2
                && pipeline.engine().incidents(false).get(0).state() == IncidentState.ESCALATED);
        Incident byAddress = pipeline.engine().incidents(false).get(0);
        assertEquals(List.of("re-attest SKIPPED", "quarantine SKIPPED", "notify SUCCEEDED"), outcomes(byAddress));
        assertTrue(details(byAddress, "re-attest").contains("no PeerEndpoints service"), details(byAddress, "re-attest"));
        assertTrue(quarantined.isEmpty(), "nothing quarantined on an unproven report: " + quarantined);
        assertEquals(0, listener.accepted.get());
    }

    // ------------------------------------------------------------------ a later attestation, a stale approval

    @Test
    void aFailedReattestPlansTheQuarantineAndALaterPeerAttestedDropsItAndResolves() throws Exception {
        listener.proves("02:00:00:00:00:ff"); // something else answers at the node's endpoint
        signedEndpoints.put(NodeId.of(NODE), listener.address());
        start();
        report(IdentityHealth.PEER_UNATTESTED, NODE, Severity.WARNING);
        Waits.until(WAIT, () -> onlyIncidentIs(IncidentState.AWAITING_APPROVAL));
        assertEquals(List.of("re-attest FAILED"), outcomes(incident()));
        assertTrue(details(incident(), "re-attest").startsWith(Reattest.TRIED), details(incident(), "re-attest"));

        // the real node comes back and identity attests it
        records.put(NodeId.of(NODE), AttestationResult.success(NodeId.of(NODE), "spiffe://mesh.test/node/" + NODE,
                Instant.now(), Instant.now().plusSeconds(3600)));
        report(IdentityHealth.PEER_ATTESTED, NODE, Severity.INFO);
        Waits.until(WAIT, () -> onlyIncidentIs(IncidentState.RESOLVED));
        Incident i = incident();
        assertEquals(List.of("re-attest FAILED", "quarantine SKIPPED"), outcomes(i));
        assertTrue(details(i, "quarantine").startsWith("dropped while awaiting approval: " + NODE + " attested ("
                + "identity/PEER_ATTESTED"), details(i, "quarantine"));
        assertTrue(i.analysis().contains("resolved: " + NODE + " attested"), i.analysis());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> pipeline.engine().approve(i.id()));
        assertTrue(refused.getMessage().contains("is RESOLVED"), refused.getMessage());
        assertTrue(quarantined.isEmpty());
    }

    @Test
    void approvingAQuarantineOfANodeAttestedMeanwhileIsRefusedInOneLine() throws Exception {
        listener.proves("02:00:00:00:00:ff");
        signedEndpoints.put(NodeId.of(NODE), listener.address());
        start();
        report(IdentityHealth.PEER_UNATTESTED, NODE, Severity.WARNING);
        Waits.until(WAIT, () -> onlyIncidentIs(IncidentState.AWAITING_APPROVAL));
        // attested since, but the PEER_ATTESTED never reached healing (e.g. dropped at a full intake)
        records.put(NodeId.of(NODE), AttestationResult.success(NodeId.of(NODE), "spiffe://mesh.test/node/" + NODE,
                Instant.now(), Instant.now().plusSeconds(3600)));
        String id = incident().id();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> pipeline.engine().approve(id));
        String line = refused.getMessage();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("approval refused: " + NODE + " is attested now"), line);
        assertTrue(line.endsWith("no longer needs 'quarantine' (resolved, plan dropped)"), line);
        Incident i = incident();
        assertEquals(IncidentState.RESOLVED, i.state());
        assertEquals(List.of("re-attest FAILED", "quarantine SKIPPED"), outcomes(i));
        assertTrue(pipeline.engine().plan().isEmpty());
        assertTrue(quarantined.isEmpty());
    }

    @Test
    void aStalePeerAttestedResolvesNothing() throws Exception {
        start();
        report(IdentityHealth.PEER_UNATTESTED, NODE, Severity.WARNING);
        Waits.until(WAIT, () -> onlyIncidentIs(IncidentState.ESCALATED));
        // the latest record is a failure: this PEER_ATTESTED was overtaken by it
        records.put(NodeId.of(NODE), AttestationResult.failure(NodeId.of(NODE), null, "connect timed out",
                Instant.now(), null));
        report(IdentityHealth.PEER_ATTESTED, NODE, Severity.INFO);
        Waits.until(WAIT, () -> pipeline.engine().incidents(false).get(0).analysis().contains("ignored a stale PEER_ATTESTED"));
        assertEquals(IncidentState.ESCALATED, incident().state());
    }

    // ------------------------------------------------------------------ stand-ins

    private PeerAttestations attestations() {
        return new PeerAttestations() {
            @Override
            public Optional<AttestationResult> result(NodeId node) {
                return Optional.ofNullable(records.get(node));
            }

            @Override
            public Map<NodeId, AttestationResult> all() {
                return Map.copyOf(records);
            }
        };
    }

    /** Reads the node id the peer's listener proves over a real connection to the address it is given. */
    private NodeAttestor attestor() {
        return new NodeAttestor() {
            @Override
            public AttestationResult attest(NodeId node, InetSocketAddress address) {
                try (Socket s = new Socket()) {
                    s.connect(address, 2000);
                    s.setSoTimeout(2000);
                    String proved = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    AttestationResult r = node.value().equals(proved)
                            ? AttestationResult.success(node, "spiffe://mesh.test/node/" + node, Instant.now(),
                                    Instant.now().plusSeconds(3600))
                            : AttestationResult.failure(node, null, "peer proved '" + proved + "'", Instant.now(), null);
                    records.put(node, r);
                    return r;
                } catch (IOException e) {
                    AttestationResult r = AttestationResult.failure(node, null, "unreachable: " + e.getMessage(),
                            Instant.now(), null);
                    records.put(node, r);
                    return r;
                }
            }

            @Override
            public AttestationResult verify(List<java.security.cert.X509Certificate> chain, NodeId expectedNode) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private MeshGuard guard() {
        return (MeshGuard) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MeshGuard.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("quarantine")) {
                        quarantined.add((String) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A TCP listener on the loopback that writes one line, the node id it proves, to every connection. */
    private static final class Listener implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket server;
        private volatile String proves = "";

        Listener() {
            try {
                server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread t = new Thread(this::serve, "peer-trust-test-listener");
            t.setDaemon(true);
            t.start();
        }

        void proves(String node) {
            proves = node;
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    accepted.incrementAndGet();
                    out.write((proves + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
