package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.support.testing.Waits;
import io.x0tta6bl4.support.testing.RecordingEventAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The component against a real Workload API server on a Unix socket: first SVID, rotation,
 * SVID_EXPIRING when rotation stops, the source going away, SVID_EXPIRED, recovery, and no
 * thread left after deactivation. EventAdmin is a recording stand-in.
 */
class IdentityManagerTest {

    @TempDir
    Path dir;

    private final RecordingEventAdmin recorder = new RecordingEventAdmin();
    private final List<Event> events = recorder.posted;

    private IdentityManager manager(Map<String, Object> config) {
        IdentityManager m = new IdentityManager();
        m.devDir = dir.resolve("dev");
        m.store = new AttestationStore(dir.resolve("attestations.json"));
        m.eventAdmin = recorder;
        m.activate(config);
        return m;
    }


    private long count(String kind) {
        return events.stream().filter(e -> kind.equals(e.getProperty(EventKeys.KIND))).count();
    }

    @Test
    void noSourceByDefaultSaysWhatToDo() throws Exception {
        IdentityManager m = manager(Map.of("workload.socket", ""));
        try {
            Waits.until("state NONE", 5000, () -> m.state() == IdentityState.NONE, m::stateReason);
            if (System.getenv("SPIFFE_ENDPOINT_SOCKET") == null) {
                assertTrue(m.stateReason().contains("identity:bootstrap"), m.stateReason());
            }
            assertTrue(m.spiffeId().isEmpty());
            assertTrue(m.sign(new byte[] {1}).isEmpty(), "no SVID, nothing to sign with");
            assertTrue(m.listening().isEmpty());
        } finally {
            m.deactivate();
        }
    }

    @Test
    void workloadApiLifecycle() throws Exception {
        TestCa ca = new TestCa("mgr.test");
        // 1 s before issue to 9 s after: SVID_EXPIRING 4 s after issue without rotation
        WorkloadApiServer server = new WorkloadApiServer(dir.resolve("agent.sock"), ca, "node-1", Duration.ofSeconds(9))
                .start();
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("source", "workload");
        cfg.put("workload.socket", server.address());
        cfg.put("workload.timeout.ms", "2000");
        cfg.put("check.interval.ms", "100");
        cfg.put("listener.port", "0");
        cfg.put("node.id", "node-1");
        IdentityManager m = manager(cfg);
        try {
            Waits.until("READY", 10_000, () -> m.state() == IdentityState.READY, m::stateReason);
            assertEquals("spiffe://mgr.test/mesh/node/node-1", m.spiffeId().orElseThrow());
            assertFalse(m.isDevelopment());
            Waits.until("listener bound", 5000, () -> !m.listening().isEmpty(), () -> String.valueOf(m.listenerError()));

            java.math.BigInteger before = m.chain().get(0).getSerialNumber();
            SvidMaterial rotated = server.rotate();
            Waits.until("rotation seen", 5000, () -> m.chain().get(0).equals(rotated.leaf()), () -> m.notAfter().toString());
            assertNotEquals(before, m.chain().get(0).getSerialNumber());

            // rotation stops
            Waits.until("SVID_EXPIRING", 15_000, () -> count(IdentityHealth.SVID_EXPIRING) > 0, m::stateReason);
            assertEquals(IdentityState.DEGRADED, m.state());
            assertTrue(m.stateReason().contains("less than half"), m.stateReason());
            Event expiring = events.stream().filter(e -> IdentityHealth.SVID_EXPIRING.equals(e.getProperty(EventKeys.KIND)))
                    .findFirst().orElseThrow();
            assertEquals("x0tta6bl4/health/identity/SVID_EXPIRING", expiring.getTopic());
            assertEquals("spiffe://mgr.test/mesh/node/node-1", expiring.getProperty(EventKeys.SUBJECT));

            server.stop();
            Waits.until("IDENTITY_SOURCE_DOWN", 15_000, () -> count(IdentityHealth.IDENTITY_SOURCE_DOWN) > 0, m::stateReason);
            Waits.until("SVID_EXPIRED", 15_000, () -> count(IdentityHealth.SVID_EXPIRED) > 0, m::stateReason);
            assertEquals(IdentityState.DEGRADED, m.state());
            assertTrue(m.stateReason().contains("expired"), m.stateReason());
            assertEquals(1, count(IdentityHealth.SVID_EXPIRING), "posted once per SVID");
            assertEquals(1, count(IdentityHealth.IDENTITY_SOURCE_DOWN), "posted once per outage");

            server.rotate();
            server.start();
            Waits.until("READY again", 40_000, () -> m.state() == IdentityState.READY, m::stateReason);
            assertEquals(1, count(IdentityHealth.IDENTITY_SOURCE_UP));
        } finally {
            m.deactivate();
            server.close();
        }
        Waits.until("no identity thread left", 10_000, () -> threads("x0tta6bl4-identity-").isEmpty(),
                () -> threads("x0tta6bl4-identity-").toString());
    }

    @Test
    void bootstrapWithoutConfigAdminSwitchesToTheFiles() throws Exception {
        IdentityManager m = manager(Map.of("node.id", "dev-1", "listener.port", "0", "workload.socket", ""));
        try {
            String where = m.bootstrap("dev.test", false);
            assertEquals(dir.resolve("dev").toString(), where);
            Waits.until("READY development", 10_000, () -> m.state() == IdentityState.READY && m.isDevelopment(),
                    m::stateReason);
            assertEquals("spiffe://dev.test/mesh/node/dev-1", m.spiffeId().orElseThrow());
            assertTrue(m.stateReason().startsWith("development identity"), m.stateReason());
            Waits.until("listener bound", 5000, () -> !m.listening().isEmpty(), () -> String.valueOf(m.listenerError()));
            var r = m.attest(io.x0tta6bl4.api.topology.NodeId.of("dev-1"), m.listening().get(0));
            assertTrue(r.attested(), r.reason());
            assertTrue(m.isAttested(io.x0tta6bl4.api.topology.NodeId.of("dev-1")));

            byte[] data = "facts".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var signature = m.sign(data).orElseThrow();
            var checked = m.verifySignature(data, signature);
            assertTrue(checked.attested(), checked.reason());
            assertEquals("spiffe://dev.test/mesh/node/dev-1", checked.spiffeId());
            var tampered = m.verifySignature("fact5".getBytes(java.nio.charset.StandardCharsets.UTF_8), signature);
            assertEquals("signature does not match the data", tampered.reason());
        } finally {
            m.deactivate();
        }
    }

    /**
     * A peer that goes unreachable keeps its earlier success in the record, but the failure was
     * posted and may have opened an incident: its next success must be posted too, or that
     * incident waits for a PEER_ATTESTED that never comes.
     */
    @Test
    void aSuccessAfterAReportedFailureIsPostedAgain() throws Exception {
        IdentityManager m = manager(Map.of("node.id", "dev-1", "listener.port", "0", "workload.socket", ""));
        try {
            m.bootstrap("dev.test", false);
            Waits.until("listener bound", 10_000, () -> !m.listening().isEmpty(), () -> String.valueOf(m.listenerError()));
            var node = io.x0tta6bl4.api.topology.NodeId.of("dev-1");
            var listener = m.listening().get(0);
            assertTrue(m.attest(node, listener).attested());
            Waits.until("PEER_ATTESTED", 5000, () -> count(IdentityHealth.PEER_ATTESTED) >= 1, events::toString);
            int closedPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            var unreachable = m.attest(node, new java.net.InetSocketAddress("127.0.0.1", closedPort));
            assertFalse(unreachable.attested());
            assertTrue(m.isAttested(node), "an unreachable peer keeps its earlier success");
            Waits.until("PEER_UNATTESTED", 5000, () -> count(IdentityHealth.PEER_UNATTESTED) == 1, events::toString);
            long attestedBefore = count(IdentityHealth.PEER_ATTESTED);

            assertTrue(m.attest(node, listener).attested());
            Waits.until("PEER_ATTESTED again", 5000, () -> count(IdentityHealth.PEER_ATTESTED) > attestedBefore,
                    events::toString);
            long settled = count(IdentityHealth.PEER_ATTESTED);
            assertTrue(m.attest(node, listener).attested());
            assertEquals(settled, count(IdentityHealth.PEER_ATTESTED), "a success after a success is no news");
        } finally {
            m.deactivate();
        }
    }

    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).sorted().toList();
    }
}
