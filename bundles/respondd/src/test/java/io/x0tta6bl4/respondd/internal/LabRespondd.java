package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

/**
 * The responder and the collector as the batman-adv kernel lab runs them on the real bat0 of
 * its namespaces (bundles/batman/src/test/lab): with the bundle's defaults (port, groups,
 * limits, source rule), without OSGi.
 */
public final class LabRespondd {

    private LabRespondd() {
    }

    private static RespondConfig config(String iface, int port) {
        RespondConfig d = RespondConfig.DEFAULTS;
        return new RespondConfig(true, iface, port, d.groups(), d.maxReplyBytes(), d.repliesPerSecond(),
                d.repliesPerSource(), List.of(), "", "", "", null, null, "", 3_600_000, 3000, d.collectMaxNodes(),
                List.of());
    }

    /** A responder on {@code iface} with the bundle's defaults, answering with {@code parts}. */
    public static AutoCloseable respond(String iface, int port, Function<String, Map<String, Object>> parts,
                                        Consumer<String> log) throws IOException {
        return new Responder(config(iface, port), parts, log);
    }

    /** Whether the responder has joined its groups on the mesh interface. */
    public static boolean joined(AutoCloseable responder) {
        return !((Responder) responder).joined().isEmpty();
    }

    /** The responder's counters, as {@code respondd:status} shows them. */
    public static Map<String, Long> counters(AutoCloseable responder) {
        Responder.Counters c = ((Responder) responder).counters();
        return Map.of("answered", c.answered.get(), "malformed", c.malformed.get(), "foreign", c.foreign.get(),
                "limited", c.limited.get());
    }

    /**
     * One collector round on {@code iface} against a topology of {@code nodes} (all up): the
     * attributes it gives each node it describes.
     */
    public static Map<NodeId, Map<String, String>> collect(String iface, int port, Collection<Node> nodes,
                                                           Consumer<String> log) throws InterruptedException {
        TreeMap<NodeId, Node> map = new TreeMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        TopologySnapshot snapshot = new TopologySnapshot(1, Instant.now(), map, new TreeMap<>());
        Map<NodeId, Map<String, String>> described = new java.util.concurrent.ConcurrentSkipListMap<>();
        TopologyService read = (TopologyService) Proxy.newProxyInstance(LabRespondd.class.getClassLoader(),
                new Class<?>[] {TopologyService.class}, (p, m, a) -> {
                    if (m.getName().equals("snapshot")) {
                        return snapshot;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        TopologyProviderService write = (TopologyProviderService) Proxy.newProxyInstance(
                LabRespondd.class.getClassLoader(), new Class<?>[] {TopologyProviderService.class}, (p, m, a) -> {
                    if (m.getName().equals("report")) {
                        for (Object o : (Collection<?>) a[1]) {
                            NodeObservation n = (NodeObservation) o;
                            described.put(n.id(), n.attributes());
                        }
                    }
                    return null;
                });
        try (Collector c = new Collector(config(iface, port), () -> read, () -> write, log)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (c.last().at() == null && System.nanoTime() < deadline) {
                Thread.sleep(50); // polls the round's end; the collector's own thread runs it
            }
            log.accept("respondd collector round: " + c.last().line());
        }
        return described;
    }
}
