package io.x0tta6bl4.batman.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;

/**
 * One poll of batman-adv: read the mesh and the originator table, report the round to the
 * topology service, and post health events for what changed. Free of OSGi so the kernel lab
 * runs exactly this against the real module.
 */
public final class MeshPoller {

    public static final String PROVIDER_ID = "batman";
    public static final String AREA = "batman";

    /**
     * What the last poll saw, for status, commands and actions.
     *
     * @param linkInterfaces each one-hop peer with the hard interface its link was last heard over
     *                       or lost with (batman-adv drops the routes of an interface taken down)
     */
    public record Snapshot(Instant at, MeshInfo mesh, List<Originator> originators, MeshRound round, String error,
                           Map<NodeId, String> linkInterfaces) {
    }

    private final TopologyProviderService topology;
    private final Consumer<HealthEvent> events;
    private final Consumer<String> log;
    private final Clock clock;
    private final MeshTracker tracker = new MeshTracker();
    private final CarrierWatch carrier = new CarrierWatch();
    private final InterfaceKinds kinds = new InterfaceKinds(java.nio.file.Path.of("/sys/class/net"));
    private String lastGatewayError;

    private volatile Snapshot last;
    private String lastError;

    public MeshPoller(TopologyProviderService topology, Consumer<HealthEvent> events, Consumer<String> log, Clock clock) {
        this.topology = topology;
        this.events = events;
        this.log = log;
        this.clock = clock;
    }

    /** Never throws: a failed read is remembered, logged once per distinct message and retried next time. */
    public List<MeshTracker.Transition> poll(BatmanBackend backend, BatmanConfig config) {
        return poll(backend, config, null);
    }

    /**
     * @param graph the mesh as batadv-vis records describe it, or null: adds links between other nodes
     */
    public List<MeshTracker.Transition> poll(BatmanBackend backend, BatmanConfig config,
                                             MeshGraph graph) {
        Instant now = clock.instant();
        MeshInfo mesh;
        List<Originator> originators;
        try {
            mesh = backend.mesh();
            originators = backend.originators();
        } catch (Exception e) {
            String message = backend.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            if (!message.equals(lastError)) {
                log.accept("Cannot read batman-adv " + backend.meshInterface() + " (will retry): " + message);
                lastError = message;
            }
            last = new Snapshot(now, null, List.of(), null, message, carrier.interfaces());
            return List.of();
        }
        if (lastError != null) {
            log.accept("Reading batman-adv " + backend.meshInterface() + " through " + backend.name() + " again");
            lastError = null;
        }
        List<HardInterface> hardifs = interfaces(backend);
        Set<String> noCarrier = noCarrier(backend, hardifs);
        MeshRound round = MeshRound.of(mesh, originators, now, config.downAfterMs(), noCarrier).withGraph(graph)
                .withSelectedGateway(selectedGateway(backend, mesh)).withMedia(kinds::medium);
        Set<String> names = hardifs == null ? null : hardifs.stream().map(HardInterface::name)
                .collect(java.util.stream.Collectors.toSet());
        List<CarrierWatch.Change> flips = carrier.apply(round, originators, names, noCarrier, now.toEpochMilli());
        last = new Snapshot(now, mesh, originators, round, null, carrier.interfaces());
        List<MeshTracker.Transition> changes = tracker.apply(round, config.degradedTq(), config.degradedMbps());
        try {
            topology.report(PROVIDER_ID, round.nodes(), round.links());
            for (MeshTracker.Transition t : changes) {
                if (t.change() == MeshTracker.Change.LEFT) {
                    topology.nodeGone(PROVIDER_ID, t.node());
                } else if (t.change() == MeshTracker.Change.DOWN) {
                    // The topology takes it DOWN now and posts NODE_DOWN with this reason.
                    topology.nodeLost(PROVIDER_ID, t.node(), downReason(t, round, config));
                }
            }
        } catch (RuntimeException e) {
            log.accept("The topology service refused the batman-adv round: " + e);
        }
        for (MeshTracker.Transition t : changes) {
            HealthEvent event = toEvent(t, round.self(), mesh.isBatmanV(), config, now);
            if (event != null) {
                events.accept(event);
            }
        }
        for (CarrierWatch.Change c : flips) {
            events.accept(linkEvent(c, round.self(), now));
        }
        return changes;
    }

    /**
     * The hard interfaces without carrier; empty when they cannot be read, so a failed read never
     * takes a node down.
     */
    private static Set<String> noCarrier(BatmanBackend backend, List<HardInterface> hardifs) {
        if (hardifs == null) {
            return Set.of();
        }
        try {
            return backend.withoutCarrier(hardifs);
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** The mesh's hard interfaces, or null when they cannot be read. */
    private static List<HardInterface> interfaces(BatmanBackend backend) {
        try {
            return backend.interfaces();
        } catch (Exception e) {
            return null;
        }
    }

    /** A client's selected gateway, or null; a failed read costs the round nothing but this detail. */
    private Gateway selectedGateway(BatmanBackend backend, MeshInfo mesh) {
        if (mesh.gateway() == null || !mesh.gateway().mode().equals(GatewayMode.CLIENT)) {
            return null;
        }
        try {
            return backend.gateways().stream().filter(Gateway::best).findFirst().orElse(null);
        } catch (Exception e) {
            String message = "Cannot read batman-adv's gateway list: " + e.getMessage();
            if (!message.equals(lastGatewayError)) {
                log.accept(message);
                lastGatewayError = message;
            }
            return null;
        }
    }

    private static HealthEvent toEvent(MeshTracker.Transition t, NodeId self, boolean batmanV, BatmanConfig c,
                                       Instant now) {
        long ts = now.toEpochMilli();
        // NODE_DOWN and NODE_UP come from the topology (nodeLost, then the node seen again): not twice.
        return switch (t.change()) {
            case DEGRADED -> new HealthEvent(AREA, HealthKinds.LINK_DEGRADED, self.value() + "->" + t.node().value(),
                    Severity.WARNING, PROVIDER_ID, ts, t.value(),
                    batmanV ? c.degradedMbps() : (double) c.degradedTq(),
                    "one-hop link quality under the threshold");
            default -> null;
        };
    }

    static HealthEvent linkEvent(CarrierWatch.Change c, NodeId self, Instant now) {
        String subject = self.value() + "->" + c.peer().value();
        return c.lost()
                ? new HealthEvent(AREA, HealthKinds.LINK_DOWN, subject, Severity.WARNING, PROVIDER_ID, now.toEpochMilli(),
                        null, null, c.iface() + " lost carrier")
                : new HealthEvent(AREA, HealthKinds.LINK_UP, subject, Severity.INFO, PROVIDER_ID, now.toEpochMilli(),
                        null, null, c.iface() + " has carrier again");
    }

    static String downReason(MeshTracker.Transition t, MeshRound round, BatmanConfig c) {
        String via = round.cut().get(t.node());
        if (via != null) {
            return "batman-adv's every route to it leaves through " + via + ", which lost carrier (last OGM "
                    + t.value().longValue() + " ms ago; batman-adv purges it after " + Batadv.PURGE_TIMEOUT_MS / 1000
                    + " s)";
        }
        return "batman-adv originator silent for " + t.value().longValue() + " ms (threshold " + c.downAfterMs()
                + " ms; batman-adv purges it after " + Batadv.PURGE_TIMEOUT_MS / 1000 + " s)";
    }

    public Snapshot last() {
        return last;
    }

    public Set<NodeId> down() {
        return tracker.down();
    }
}
