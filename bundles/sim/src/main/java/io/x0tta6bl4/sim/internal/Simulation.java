package io.x0tta6bl4.sim.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/**
 * A running simulation of one generated mesh: its faults and the jitter of its metrics.
 * Thread-safe: the ticker computes rounds while shell commands inject faults.
 */
public final class Simulation {

    /** Decorrelates the jitter stream from the generator's, which uses the seed as is. */
    private static final long JITTER_SALT = 0x5eed_5eedL;

    private final SimMesh mesh;
    private final FaultState faults = new FaultState();
    private final Random jitterRandom;
    /** The metrics last reported per edge, forward and backward, for rounds that churn only some links. */
    private final LinkMetrics[] lastForward;
    private final LinkMetrics[] lastBackward;
    /** Set by every fault change: the next round reports every link again. */
    private boolean fullRoundDue = true;

    public Simulation(SimMesh mesh) {
        this.mesh = mesh;
        this.jitterRandom = new Random(mesh.seed() ^ JITTER_SALT);
        this.lastForward = new LinkMetrics[mesh.edges().size()];
        this.lastBackward = new LinkMetrics[mesh.edges().size()];
    }

    public SimMesh mesh() {
        return mesh;
    }

    /** The observations of one tick at {@code now}, each link's metrics jittered afresh. */
    public synchronized Round nextRound(Instant now, double jitter) {
        return nextRound(now, jitter, 1.0);
    }

    /**
     * The observations of one tick: every alive node, and the links whose metrics changed.
     * With {@code churn} 1 every link is jittered afresh and reported. Below 1 each link
     * changes with that probability and only the changed ones are reported, as a real
     * provider reports changes; degraded links are always reported, and the first round
     * and the round after any fault report every link.
     */
    public synchronized Round nextRound(Instant now, double jitter, double churn) {
        return nextRound(now, jitter, churn, null);
    }

    /** {@link #nextRound(Instant, double, double)} with the nodes placed on the map around {@code center} (null: nowhere). */
    public synchronized Round nextRound(Instant now, double jitter, double churn, SimConfig.Location center) {
        boolean full = fullRoundDue || churn >= 1;
        fullRoundDue = false;
        List<NodeObservation> nodes = new ArrayList<>(mesh.size());
        for (SimNode node : mesh.nodes()) {
            if (!faults.isFailed(node.index())) {
                nodes.add(new NodeObservation(node.id(), node.addresses(), node.role(), node.attributes(center), now));
            }
        }
        List<LinkObservation> links = new ArrayList<>(full ? mesh.edges().size() * 2 : 16);
        List<SimEdge> edges = mesh.edges();
        for (int i = 0; i < edges.size(); i++) {
            SimEdge edge = edges.get(i);
            if (faults.isFailed(edge.a()) || faults.isFailed(edge.b())) {
                continue;
            }
            Degradation fault = faults.degradation(edge).orElse(null);
            if (!full && fault == null && lastForward[i] != null && jitterRandom.nextDouble() >= churn) {
                continue;
            }
            NodeId a = mesh.nodes().get(edge.a()).id();
            NodeId b = mesh.nodes().get(edge.b()).id();
            lastForward[i] = measure(edge.forward(), jitter, fault);
            lastBackward[i] = measure(edge.backward(), jitter, fault);
            links.add(new LinkObservation(new LinkId(a, b), lastForward[i], now));
            links.add(new LinkObservation(new LinkId(b, a), lastBackward[i], now));
        }
        return new Round(nodes, links);
    }

    private LinkMetrics measure(LinkMetrics base, double jitter, Degradation fault) {
        LinkMetrics jittered = LinkModel.jitter(base, jitter, jitterRandom);
        return fault == null ? jittered : LinkModel.degrade(jittered, fault);
    }

    /** @return false if the node had already failed */
    public synchronized boolean failNode(NodeId id) {
        fullRoundDue = true;
        return faults.fail(requireNode(id).index());
    }

    /** @return false if the node had not failed */
    public synchronized boolean recoverNode(NodeId id) {
        fullRoundDue = true;
        return faults.recoverNode(requireNode(id).index());
    }

    public synchronized void degradeLink(NodeId a, NodeId b, Degradation fault) {
        fullRoundDue = true;
        faults.degrade(requireEdge(a, b), fault);
    }

    /** @return false if the link was not degraded */
    public synchronized boolean recoverLink(NodeId a, NodeId b) {
        fullRoundDue = true;
        return faults.recoverLink(requireEdge(a, b));
    }

    /** Clears every fault. */
    public synchronized Recovered recoverAll() {
        Recovered recovered = new Recovered(faults.failedNodes().size(), faults.degradedLinks().size());
        faults.clear();
        fullRoundDue = true;
        return recovered;
    }

    public synchronized List<NodeId> failedNodes() {
        return faults.failedNodes().stream().map(i -> mesh.nodes().get(i).id()).toList();
    }

    public synchronized List<DegradedLink> degradedLinks() {
        List<DegradedLink> result = new ArrayList<>();
        for (Map.Entry<Long, Degradation> e : faults.degradedLinks().entrySet()) {
            int a = (int) (e.getKey() >>> 32);
            int b = (int) (long) e.getKey();
            result.add(new DegradedLink(mesh.nodes().get(a).id(), mesh.nodes().get(b).id(), e.getValue()));
        }
        return result;
    }

    public synchronized int aliveCount() {
        return mesh.size() - faults.failedNodes().size();
    }

    private SimNode requireNode(NodeId id) {
        return mesh.node(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown simulated node '" + id + "': the mesh has " + range()));
    }

    private SimEdge requireEdge(NodeId a, NodeId b) {
        requireNode(a);
        requireNode(b);
        return mesh.edge(a, b).orElseThrow(() -> new IllegalArgumentException(
                "no link between " + a + " and " + b + " in the simulated " + mesh.shape().label() + " mesh"));
    }

    private String range() {
        List<SimNode> nodes = mesh.nodes();
        return nodes.get(0).id() + " .. " + nodes.get(nodes.size() - 1).id();
    }

    /** How many faults {@link #recoverAll()} cleared. */
    public record Recovered(int nodes, int links) {
    }

    /** A degraded link, named by its ends in mesh order. */
    public record DegradedLink(NodeId a, NodeId b, Degradation fault) {
    }
}
