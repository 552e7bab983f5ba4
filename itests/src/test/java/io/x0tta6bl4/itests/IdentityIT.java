package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.NodeId;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * SPIFFE identity on the distribution: no identity by default, stated with the reason;
 * {@code identity:bootstrap} gives a READY development identity; the node attests itself
 * over its mTLS control listener and the result is visible to other bundles; bad input
 * gets one line.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class IdentityIT extends PlatformTestSupport {

    private static final String PID = "io.x0tta6bl4.identity";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    IdentityService identity;

    @Inject
    PeerAttestations peers;

    @Inject
    ConfigurationAdmin configAdmin;

    @Test
    public void a_noIdentityByDefaultSaysWhy() {
        Bundle b = bundle("io.x0tta6bl4.identity");
        assertNotNull(b);
        assertEquals(Bundle.ACTIVE, b.getState());
        Await.until("identity state NONE", WAIT, () -> identity.state() == IdentityState.NONE,
                () -> identity.state() + ": " + identity.stateReason());
        assertTrue(identity.stateReason(), identity.stateReason().contains("identity:bootstrap"));
        assertTrue(identity.spiffeId().isEmpty());
        String out = shell().run("identity:status").assertOk().out();
        assertTrue(out, out.contains("NONE"));
        assertTrue(out, out.contains("not listening"));
        assertEquals("no threads but the worker", List.of("x0tta6bl4-identity-worker-1"),
                threadsNamed("x0tta6bl4-identity"));
    }

    @Test
    public void b_bootstrapGivesAReadyDevelopmentIdentity() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, Topics.health(IdentityHealth.AREA, "*"));
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, events::add, topics);
        try {
            // any free port, so the test does not depend on 7443 being free
            Configuration c = configAdmin.getConfiguration(PID, "?");
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put("listener.port", "0");
            props.put("node.id", "sim-01");
            c.update(props);

            Shell.Result boot = shell().run("identity:bootstrap x0tta6bl4.test").assertOk();
            assertTrue(boot.toString(), boot.out().contains("x0tta6bl4.test"));
            Duration ready = Await.until("READY development identity", WAIT,
                    () -> identity.state() == IdentityState.READY && identity.isDevelopment(),
                    () -> identity.state() + ": " + identity.stateReason());
            System.out.println("READY " + ready.toMillis() + " ms after identity:bootstrap");
            assertEquals(Optional.of("spiffe://x0tta6bl4.test/mesh/node/sim-01"), identity.spiffeId());

            String status = shell().run("identity:status").assertOk().out();
            System.out.println(status);
            assertTrue(status, status.contains("READY"));
            assertTrue(status, status.contains("development identity"));
            assertTrue(status, status.contains("spiffe://x0tta6bl4.test/mesh/node/sim-01"));

            Await.until("mTLS listener bound", WAIT,
                    () -> LISTENER.matcher(shell().run("identity:status").out()).find());
            Matcher m = LISTENER.matcher(shell().run("identity:status").out());
            assertTrue(m.find());
            String port = m.group(1);

            String svid = shell().run("identity:svid").assertOk().out();
            assertTrue(svid, svid.contains("URI SAN") && svid.contains("spiffe://x0tta6bl4.test/mesh/node/sim-01"));
            String bundle = shell().run("identity:bundle").assertOk().out();
            assertTrue(bundle, bundle.contains("development CA x0tta6bl4.test"));

            String attest = shell().run("identity:attest --node sim-01 127.0.0.1:" + port).assertOk().out();
            assertTrue(attest, attest.matches("(?s).*Attested\\s*\\|\\s*yes.*"));
            AttestationResult r = peers.result(NodeId.of("sim-01")).orElseThrow();
            assertTrue(r.reason(), r.attested());
            assertEquals("spiffe://x0tta6bl4.test/mesh/node/sim-01", r.spiffeId());
            assertTrue(peers.isAttested(NodeId.of("sim-01")));
            String list = shell().run("identity:peers").assertOk().out();
            assertTrue(list, list.contains("sim-01") && list.contains("yes"));
            // sim-01 is also the simulated mesh's own node: mesh:node shows its attested identity
            awaitSimulatedMesh();
            String meshNode = shell().run("mesh:node sim-01").assertOk().out();
            assertTrue(meshNode, meshNode.contains("spiffe://x0tta6bl4.test/mesh/node/sim-01 (attested"));
            String meshNodeJson = shell().run("mesh:node --json sim-01").assertOk().out();
            assertTrue(meshNodeJson, meshNodeJson.contains("\"attestation\"")
                    && meshNodeJson.contains("\"attested\" : true"));

            String wrong = shell().run("identity:attest --node someone-else 127.0.0.1:" + port).assertOk().out();
            assertTrue(wrong, wrong.contains("expected 'someone-else'"));
            Await.until("PEER_ATTESTATION_FAILED posted", WAIT, () -> events.stream().anyMatch(e ->
                    e.getTopic().endsWith("/" + IdentityHealth.PEER_ATTESTATION_FAILED)
                            && "someone-else".equals(e.getProperty(EventKeys.SUBJECT))));
            assertFalse(peers.isAttested(NodeId.of("someone-else")));
        } finally {
            reg.unregister();
        }
    }

    private static final Pattern LISTENER = Pattern.compile("mTLS listener\\s*\\|\\s*127\\.0\\.0\\.1:(\\d+)");

    @Test
    public void c_badInputGetsOneLine() {
        Shell.Result addr = shell().run("identity:attest nonsense").assertOk();
        assertTrue(addr.toString(), addr.err().trim().startsWith("Invalid address 'nonsense'"));
        assertEquals(addr.toString(), 1, addr.err().trim().lines().count());
        Shell.Result again = shell().run("identity:bootstrap x0tta6bl4.test").assertOk();
        assertTrue(again.toString(), again.err().contains("--force"));
        Shell.Result td = shell().run("identity:bootstrap Bad_Domain!").assertOk();
        assertTrue(td.toString(), td.err().contains("invalid trust domain"));
        assertEquals("still READY", IdentityState.READY, identity.state());
    }

    /**
     * A hostile client replays this node's real SVID chain (read from the bootstrap files, as
     * anyone who saw a handshake has it) while signing with a key of its own: the listener
     * refuses it, reports the address and leaves the node's record as it was.
     */
    @Test
    public void d_aReplayedChainWithoutItsKeyChangesNothing() throws Exception {
        AttestationResult before = peers.result(NodeId.of("sim-01")).orElseThrow();
        assertTrue(before.reason(), before.attested());
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, Topics.health(IdentityHealth.AREA, "*"));
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, events::add, topics);
        try {
            java.net.InetSocketAddress listener = identity.controlEndpoints().get(0);
            java.nio.file.Path svid = java.nio.file.Paths.get(System.getProperty("karaf.data"), "identity", "dev",
                    "svid.pem");
            List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(svid)) {
                for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificates(in)) {
                    chain.add((java.security.cert.X509Certificate) c);
                }
            }
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            String failure = ReplayClient.handshake(listener, chain, g.generateKeyPair().getPrivate());
            System.out.println("replayed chain without its key: " + failure);
            assertNotNull("the listener must refuse the key-less replay", failure);
            Await.until("PEER_ATTESTATION_FAILED for the address", WAIT, () -> events.stream().anyMatch(e ->
                    e.getTopic().endsWith("/" + IdentityHealth.PEER_ATTESTATION_FAILED)
                            && "127.0.0.1".equals(e.getProperty(EventKeys.SUBJECT))), events::toString);
            assertEquals("sim-01's record is untouched", before, peers.result(NodeId.of("sim-01")).orElseThrow());
            assertTrue(events.toString(), events.stream().noneMatch(e -> "sim-01".equals(
                    e.getProperty(EventKeys.SUBJECT))));
        } finally {
            reg.unregister();
        }
    }
}
