package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;
import io.x0tta6bl4.support.testing.Waits;

/**
 * The collector against real responders on loopback UDP sockets: what it gives the topology
 * (recorded at the service boundary), and what it refuses to believe.
 */
class CollectorTest {

    private static final InetAddress V6_LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<List<NodeObservation>> reports = new CopyOnWriteArrayList<>();
    private final List<String> withdrawn = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static Function<String, Map<String, Object>> node(String id, String mac, String hostname) {
        return type -> switch (type) {
            case "nodeinfo" -> Map.of("node_id", id, "hostname", hostname, "network", Map.of("mac", mac),
                    "system", Map.of("site_code", "ffx"), "hardware", Map.of("model", "Model \u001b[31mX"));
            case "statistics" -> Map.of("node_id", id, "uptime", 4242.7, "clients", Map.of("total", 7));
            case "neighbours" -> Map.of("node_id", id, "batadv", Map.of(mac, Map.of("neighbours",
                    Map.of("02:00:00:00:00:99", Map.of("tq", 200, "lastseen", 0.5)))));
            default -> Map.of();
        };
    }

    private static List<Cidr> loopback() {
        return List.of(Cidr.parse("127.0.0.0/8").orElseThrow(), Cidr.parse("::1/128").orElseThrow());
    }

    private Responder responder(Function<String, Map<String, Object>> parts) throws IOException {
        RespondConfig c = new RespondConfig(true, "lo", 0, List.of(), 8192, 1000, 100, loopback(), "", "", "", null,
                null, "", 0, 500, 64, List.of());
        Responder r = new Responder(c, parts, log::add);
        open.add(r);
        return r;
    }

    private static Node up(String id, String address, NodeRole role, Instant seen) {
        return new Node(NodeId.of(id), List.of(address), role, NodeState.UP, seen, seen, Map.of());
    }

    private static TopologyService topology(Node... nodes) {
        TreeMap<NodeId, Node> map = new TreeMap<>();
        for (Node n : nodes) {
            map.put(n.id(), n);
        }
        TopologySnapshot snapshot = new TopologySnapshot(1, Instant.now(), map, new TreeMap<>());
        return (TopologyService) Proxy.newProxyInstance(CollectorTest.class.getClassLoader(),
                new Class<?>[] {TopologyService.class}, (p, m, a) -> {
                    if (m.getName().equals("snapshot")) {
                        return snapshot;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private TopologyProviderService recorder() {
        return (TopologyProviderService) Proxy.newProxyInstance(CollectorTest.class.getClassLoader(),
                new Class<?>[] {TopologyProviderService.class}, (p, m, a) -> {
                    if (m.getName().equals("report")) {
                        assertEquals(Collector.PROVIDER_ID, a[0]);
                        reports.add(List.copyOf((java.util.Collection<NodeObservation>) a[1]));
                        assertTrue(((java.util.Collection<?>) a[2]).isEmpty(), "the collector reports no links");
                        return null;
                    }
                    if (m.getName().equals("withdraw")) {
                        withdrawn.add((String) a[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private Collector collector(List<InetSocketAddress> targets, TopologyService topology) {
        RespondConfig c = new RespondConfig(true, "lo", 0, List.of(), 8192, 1000, 100, loopback(), "", "", "", null,
                null, "", 3_600_000, 700, 64, targets);
        TopologyProviderService write = recorder();
        Collector collector = new Collector(c, () -> topology, () -> write, log::add);
        open.add(collector);
        return collector;
    }

    private static InetSocketAddress at(Responder r) {
        return new InetSocketAddress(V6_LOOPBACK, r.port());
    }

    @Test
    void repliesDescribeTheNodesTheTopologyKnows() throws IOException {
        Responder a = responder(node("02000000000a", "02:00:00:00:00:0a", "alpha"));
        Responder b = responder(node("02000000000b", "02:00:00:00:00:0b", "beta"));
        Responder stranger = responder(node("0200000000ff", "02:00:00:00:00:ff", "nobody"));
        Instant seen = Instant.parse("2026-12-01T10:00:00Z");
        Collector c = collector(List.of(at(a), at(b), at(stranger)), topology(
                up("02:00:00:00:00:0a", "02:00:00:00:00:0a", NodeRole.SELF, seen),
                up("peer-b", "02:00:00:00:00:0b", NodeRole.PEER, seen)));

        Waits.until("a collector round", Duration.ofSeconds(10), () -> !reports.isEmpty(), () -> log.toString());
        Map<NodeId, NodeObservation> got = new TreeMap<>();
        reports.get(0).forEach(o -> got.put(o.id(), o));
        assertEquals(2, got.size(), got.toString()); // the stranger is nobody the topology knows

        NodeObservation alpha = got.get(NodeId.of("02:00:00:00:00:0a"));
        assertEquals("alpha", alpha.attributes().get(NodeAttributes.HOSTNAME));
        assertEquals(NodeRole.SELF, alpha.role()); // a reply never changes what a node is
        assertEquals(seen, alpha.at()); // nor when it was last seen alive
        assertTrue(alpha.addresses().isEmpty());
        assertEquals("ffx", alpha.attributes().get(NodeAttributes.SITE));
        assertEquals("4242", alpha.attributes().get(NodeAttributes.UPTIME_S));
        assertEquals("7", alpha.attributes().get(NodeAttributes.CLIENTS));
        assertEquals("Model [31mX", alpha.attributes().get(NodeAttributes.MODEL)); // the escape is gone
        assertEquals("false", alpha.attributes().get(NodeAttributes.VERIFIED));
        assertEquals("beta", got.get(NodeId.of("peer-b")).attributes().get(NodeAttributes.HOSTNAME));
        Waits.until("the round's summary", Duration.ofSeconds(5), () -> c.last().at() != null);
        assertEquals(3, c.last().answers(), c.last().line());

        // for a mesh provider: the replies of the described nodes, nodeinfo and neighbours as sent
        List<String> ids = c.replies().stream().map(r -> r.nodeId()).sorted().toList();
        assertEquals(List.of("02000000000a", "02000000000b"), ids, "not the stranger's");
        var alphaReply = c.replies().stream().filter(r -> r.nodeId().equals("02000000000a")).findFirst().orElseThrow();
        assertTrue(alphaReply.nodeinfo().contains("\"hostname\":\"alpha\""), alphaReply.nodeinfo());
        assertTrue(alphaReply.neighbours().contains("\"02:00:00:00:00:99\":{"), alphaReply.neighbours());
        assertFalse(alphaReply.verified());
    }

    @Test
    void aNodeIdClaimedByTwoSourcesIsBelievedFromNeither() throws IOException {
        Responder real = responder(node("02000000000a", "02:00:00:00:00:0a", "alpha"));
        Responder forger = responder(node("02000000000a", "02:00:00:00:00:0a", "evil-twin"));
        Responder honest = responder(node("02000000000b", "02:00:00:00:00:0b", "beta"));
        Instant seen = Instant.now();
        Collector c = collector(List.of(at(real), at(forger), at(honest)), topology(
                up("02:00:00:00:00:0a", "02:00:00:00:00:0a", NodeRole.PEER, seen),
                up("02:00:00:00:00:0b", "02:00:00:00:00:0b", NodeRole.PEER, seen)));

        Waits.until("a collector round", Duration.ofSeconds(10), () -> c.last().at() != null, () -> log.toString());
        List<NodeObservation> got = reports.isEmpty() ? List.of() : reports.get(0);
        assertEquals(1, got.size(), got.toString());
        assertEquals("beta", got.get(0).attributes().get(NodeAttributes.HOSTNAME));
        assertTrue(log.stream().anyMatch(l -> l.contains("02000000000a") && l.contains("believed from neither")), log.toString());
        assertEquals(1, c.last().refused(), c.last().line());
    }

    @Test
    void aDownNodeIsNotDescribedAndNothingIsReportedForNobody() throws IOException {
        Responder a = responder(node("02000000000a", "02:00:00:00:00:0a", "alpha"));
        Instant seen = Instant.now().minusSeconds(600);
        Node down = new Node(NodeId.of("02:00:00:00:00:0a"), List.of(), NodeRole.PEER, NodeState.DOWN, seen, seen, Map.of());
        Collector c = collector(List.of(at(a)), topology(down));

        Waits.until("a collector round", Duration.ofSeconds(10), () -> c.last().at() != null, () -> log.toString());
        assertTrue(reports.isEmpty(), reports.toString()); // a reply never revives a node the mesh provider lost
        assertEquals(0, c.last().described());
    }

    @Test
    void closingStopsTheThreadAndWithdraws() throws Exception {
        Collector c = collector(List.of(), topology());
        Waits.until("the collector thread", Duration.ofSeconds(5), () -> threads() == 1);
        c.close();
        open.remove(c);
        // the pool counts as terminated while its last worker is still on its way out of run()
        Waits.until("no collector thread after close", Duration.ofSeconds(5), () -> threads() == 0);
        assertEquals(List.of(Collector.PROVIDER_ID), withdrawn);
        assertFalse(log.stream().anyMatch(l -> l.contains("did not stop")), log.toString());
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(Collector.THREAD)
                && t.isAlive()).count();
    }
}
