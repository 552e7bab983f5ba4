package io.x0tta6bl4.topology.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/**
 * The elements of the topology, as ONOS keeps them in its topology store: nodes and links
 * with the providers that own them, their state and their samples. Every change first
 * touches what it is about to change in the batch's {@link ChangeSet}, so the batch's
 * events come from comparing before and after. Not thread-safe: only the model's lock
 * guards it, and the configuration is the one field read outside it.
 */
final class TopologyStore {

    private final LinkQualityScorer scorer;
    private final Map<NodeId, NodeEntry> nodes = new HashMap<>();
    private final Map<LinkId, LinkEntry> links = new HashMap<>();
    private volatile TopologyConfig config = TopologyConfig.DEFAULTS;

    TopologyStore(LinkQualityScorer scorer) {
        this.scorer = scorer;
    }

    void configure(TopologyConfig newConfig) {
        this.config = newConfig;
    }

    TopologyConfig config() {
        return config;
    }

    NodeEntry node(NodeId id) {
        return nodes.get(id);
    }

    LinkEntry link(LinkId id) {
        return links.get(id);
    }

    Set<NodeId> nodeIds() {
        return nodes.keySet();
    }

    Collection<NodeEntry> nodes() {
        return nodes.values();
    }

    Collection<LinkEntry> links() {
        return links.values();
    }

    /** The link's recent samples, oldest first; empty for an unknown link. */
    List<LinkSample> history(LinkId id) {
        LinkEntry e = links.get(id);
        return e == null ? List.of() : e.history.samples();
    }

    /** Whether the link is in the graph: both its ends are there and UP. */
    boolean isVisible(LinkEntry link) {
        NodeEntry from = nodes.get(link.id.from());
        NodeEntry to = nodes.get(link.id.to());
        return from != null && to != null && from.isUp() && to.isUp();
    }

    /** Refuses a link to or from a node no provider has reported (nor is about to, in the same round). */
    void requireEnds(LinkId id, Set<NodeId> alsoKnown) {
        for (NodeId end : List.of(id.from(), id.to())) {
            if (!nodes.containsKey(end) && !alsoKnown.contains(end)) {
                throw new IllegalArgumentException("link " + id + " refused: node " + end
                        + " has not been reported by any provider");
            }
        }
    }

    void see(String provider, NodeObservation o, ChangeSet cs) {
        NodeEntry node = nodes.get(o.id());
        cs.touchNode(o.id(), node);
        boolean fresh = silentFor(o.at(), cs.now()) <= config.nodeTimeoutMs();
        if (node == null) {
            cs.structural();
            node = new NodeEntry(o.id(), o.at());
            nodes.put(o.id(), node);
            if (!fresh) {
                node.state = NodeState.DOWN;
                node.downSince = cs.now();
            }
        }
        node.owners.add(provider);
        if (!o.addresses().isEmpty()) {
            node.addresses = o.addresses();
        }
        node.role = o.role();
        node.attributes.putAll(o.attributes());
        if (o.at().isAfter(node.lastSeen)) {
            node.lastSeen = o.at();
        }
        if (o.at().isBefore(node.firstSeen)) {
            node.firstSeen = o.at();
        }
        if (!node.isUp() && fresh) {
            setState(node, NodeState.UP, cs);
        }
    }

    /** Records a measurement; both ends must be there ({@link #requireEnds} first). */
    void measure(String provider, LinkObservation o, ChangeSet cs) {
        LinkEntry link = links.get(o.id());
        cs.touchLink(o.id(), link != null && isVisible(link));
        if (link == null) {
            cs.structural();
            link = new LinkEntry(o.id(), config.linkHistorySize());
            links.put(o.id(), link);
            nodes.get(o.id().from()).links.add(o.id());
            nodes.get(o.id().to()).links.add(o.id());
        }
        link.owners.add(provider);
        link.metrics = o.metrics();
        link.quality = scorer.score(o.metrics());
        link.lastMeasured = o.at();
        link.history.add(o.at(), o.metrics(), link.quality);
        cs.metricsChanged(o.id());
    }

    /** The provider no longer reports the link; it goes when no provider claims it. */
    void linkGone(String provider, LinkId id, ChangeSet cs) {
        LinkEntry link = links.get(id);
        if (link != null && link.owners.contains(provider)) {
            disown(provider, link, cs);
        }
    }

    /** The provider knows the node failed: DOWN at once, with its reason for the health event. */
    void nodeLost(String provider, NodeId id, String reason, ChangeSet cs) {
        NodeEntry node = nodes.get(id);
        if (node != null && node.isUp() && node.owners.contains(provider)) {
            cs.lost(id, reason);
            setState(node, NodeState.DOWN, cs);
        }
    }

    /** The provider no longer reports the node; it goes, with its links, when no provider claims it. */
    void nodeGone(String provider, NodeId id, ChangeSet cs) {
        NodeEntry node = nodes.get(id);
        if (node != null && node.owners.contains(provider)) {
            disown(provider, node, cs);
        }
    }

    /** Removes the provider's claim on everything it reported. */
    void withdraw(String provider, ChangeSet cs) {
        for (LinkEntry link : List.copyOf(links.values())) {
            if (link.owners.contains(provider)) {
                disown(provider, link, cs);
            }
        }
        for (NodeEntry node : List.copyOf(nodes.values())) {
            if (node.owners.contains(provider)) {
                disown(provider, node, cs);
            }
        }
    }

    /** Liveness: marks silent nodes DOWN and forgets nodes DOWN longer than the retention. */
    void sweep(ChangeSet cs) {
        TopologyConfig c = config;
        Instant now = cs.now();
        for (NodeEntry node : List.copyOf(nodes.values())) {
            if (node.isUp() && silentFor(node.lastSeen, now) > c.nodeTimeoutMs()) {
                setState(node, NodeState.DOWN, cs);
            } else if (!node.isUp()
                    && Duration.between(node.downSince, now).toMillis() > c.nodeRetentionMs()) {
                remove(node, cs);
            }
        }
    }

    /**
     * A penalty on the link (by its undirected key) was set, lifted or lapsed: both directions
     * change cost, and subscribers hear of it even when the score did not move.
     */
    void penaltyChanged(LinkId key, ChangeSet cs) {
        for (LinkId id : List.of(key, key.reversed())) {
            LinkEntry e = links.get(id);
            cs.touchLink(id, e != null && isVisible(e));
            cs.penaltyChanged(id);
            cs.metricsChanged(id);
        }
    }

    private void disown(String provider, LinkEntry link, ChangeSet cs) {
        cs.touchLink(link.id, isVisible(link));
        link.owners.remove(provider);
        if (link.owners.isEmpty()) {
            remove(link, cs);
        }
    }

    private void disown(String provider, NodeEntry node, ChangeSet cs) {
        cs.touchNode(node.id, node);
        node.owners.remove(provider);
        if (node.owners.isEmpty()) {
            remove(node, cs);
        }
    }

    private void setState(NodeEntry node, NodeState state, ChangeSet cs) {
        cs.touchNode(node.id, node);
        cs.structural();
        node.links.forEach(id -> cs.touchLink(id, isVisible(links.get(id))));
        node.state = state;
        node.downSince = state == NodeState.DOWN ? cs.now() : null;
    }

    /** A node goes with its links: nothing may point at a node that is not there. */
    private void remove(NodeEntry node, ChangeSet cs) {
        cs.touchNode(node.id, node);
        cs.structural();
        for (LinkId id : List.copyOf(node.links)) {
            remove(links.get(id), cs);
        }
        nodes.remove(node.id);
    }

    private void remove(LinkEntry link, ChangeSet cs) {
        cs.touchLink(link.id, isVisible(link));
        cs.structural();
        links.remove(link.id);
        NodeEntry from = nodes.get(link.id.from());
        NodeEntry to = nodes.get(link.id.to());
        if (from != null) {
            from.links.remove(link.id);
        }
        if (to != null) {
            to.links.remove(link.id);
        }
    }

    private static long silentFor(Instant seen, Instant now) {
        return Duration.between(seen, now).toMillis();
    }
}
