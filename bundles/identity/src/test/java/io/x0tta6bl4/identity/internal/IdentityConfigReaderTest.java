package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.NodeId;
import org.junit.jupiter.api.Test;

class IdentityConfigReaderTest {

    private final List<String> warnings = new ArrayList<>();
    private final IdentityConfigReader reader = new IdentityConfigReader(warnings::add);

    @Test
    void absentKeysTakeDefaults() {
        assertEquals(IdentityConfig.DEFAULTS, reader.read(IdentityConfig.DEFAULTS, Map.of()));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void goodValuesApply() {
        IdentityConfig c = reader.read(IdentityConfig.DEFAULTS, Map.of("source", "Files", "listener.port", 0,
                "listener.addresses", "127.0.0.1, ::1", "trust.domain", "Mesh.Example.ORG", "node.id", "02:00:00:00:01:02",
                "development", "true", "check.interval.ms", "250"));
        assertEquals("files", c.source());
        assertEquals(0, c.listenerPort());
        assertEquals(List.of("127.0.0.1", "::1"), c.listenerAddresses());
        assertEquals("mesh.example.org", c.trustDomain());
        assertEquals("02:00:00:00:01:02", c.nodeId());
        assertTrue(c.development());
        assertEquals(250, c.checkIntervalMs());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void badValuesAreRefusedOneLineEachAndTheLastGoodValueStays() {
        IdentityConfig last = reader.read(IdentityConfig.DEFAULTS, Map.of("listener.port", "9000", "source", "files"));
        IdentityConfig c = reader.read(last, Map.of("source", "spire", "listener.port", "70000",
                "workload.timeout.ms", "soon", "listener.addresses", "eth0", "id.pattern", "spiffe://x/mesh/{node-id}",
                "trust.domain", "Bad Domain!", "node.id", "bad id!", "listener.enabled", "maybe",
                "handshake.timeout.ms", "1500"));
        assertEquals("files", c.source());
        assertEquals(9000, c.listenerPort());
        assertEquals(IdentityConfig.DEFAULTS.workloadTimeoutMs(), c.workloadTimeoutMs());
        assertEquals(List.of("127.0.0.1"), c.listenerAddresses());
        assertEquals(IdPolicy.DEFAULT_PATTERN, c.idPattern());
        assertEquals("", c.trustDomain());
        assertEquals("", c.nodeId());
        assertTrue(c.listenerEnabled());
        assertEquals(1500, c.handshakeTimeoutMs(), "a good key in the same update applies");
        assertEquals(8, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Refused source=spire: must be one of auto, workload, files, none; keeping source=files"),
                warnings.get(0));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Refused listener.port=70000: must be a whole number within 0..65535; "
                + "keeping listener.port=9000")), warnings.toString());
        warnings.forEach(w -> assertFalse(w.contains("\n")));
    }

    @Test
    void idPatterns() {
        IdPolicy p = IdPolicy.parse("spiffe://{trust-domain}/region/eu/{node-id}/agent");
        assertEquals("spiffe://mesh.test/region/eu/n-1/agent", p.idFor("mesh.test", NodeId.of("n-1")));
        assertEquals(NodeId.of("n-1"), p.nodeOf("/region/eu/n-1/agent").orElseThrow());
        assertTrue(p.nodeOf("/region/eu/n-1").isEmpty());
        assertTrue(p.nodeOf("/region/eu/a/b/agent").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> IdPolicy.parse("https://{trust-domain}/{node-id}"));
        assertThrows(IllegalArgumentException.class, () -> IdPolicy.parse("spiffe://{trust-domain}/mesh"));
        assertThrows(IllegalArgumentException.class, () -> IdPolicy.parse("spiffe://{trust-domain}/{node-id}/{node-id}"));
        assertThrows(IllegalArgumentException.class, () -> IdPolicy.parse("spiffe://{trust-domain}/{zone}/{node-id}"));
        assertThrows(IllegalArgumentException.class, () -> IdPolicy.parse("spiffe://fixed.org/{node-id}"));
    }

    @Test
    void hostNamesBecomeNodeIds() {
        assertEquals(NodeId.of("mesh-node_1.lan"), HostNodeId.sanitize("Mesh Node_1.lan"));
        assertEquals(NodeId.of("localhost"), HostNodeId.sanitize("!!!"));
    }

    @Test
    void listenerAndEventLimits() {
        IdentityConfig c = reader.read(IdentityConfig.DEFAULTS, Map.of("listener.grace.ms", "2000",
                "listener.max.per.source", "3", "listener.max.startups", "5:50:20", "events.burst", "4"));
        assertEquals(new MtlsListener.Limits(2000, 5000, 3, 5, 50, 20), c.listenerLimits());
        assertEquals(4, c.eventsBurst());
        assertTrue(warnings.isEmpty(), warnings.toString());
        for (String bad : List.of("20:50:5", "5:101:20", "0:10:10", "1:2", "a:b:c", "5:50:2000")) {
            warnings.clear();
            IdentityConfig kept = reader.read(c, Map.of("listener.max.startups", bad));
            assertEquals(c.listenerStartups(), kept.listenerStartups(), bad);
            assertEquals(List.of("Refused listener.max.startups=" + bad + ": must be start:rate:full with 1 <= start "
                    + "<= full <= 1024 and rate 0..100; keeping listener.max.startups=5:50:20"), warnings);
        }
        warnings.clear();
        assertEquals(2000, reader.read(c, Map.of("listener.grace.ms", "50")).listenerGraceMs());
        assertEquals(1, warnings.size(), warnings.toString());
    }
}
