package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * Compiles the store's entries and the penalties in force into what readers get: a version's
 * routable {@link CompactGraph}, and on demand its {@link TopologySnapshot}. A batch that only
 * moved metrics or penalties patches the previous graph, since rebuilding a large mesh on every
 * burst of measurements would cost more than the burst. Runs under the model's lock.
 */
final class GraphCompiler {

    private final TopologyStore store;
    private final PenaltyTable penalties;

    GraphCompiler(TopologyStore store, PenaltyTable penalties) {
        this.store = store;
        this.penalties = penalties;
    }

    /** The graph after a batch: patched when only metrics changed, rebuilt otherwise. */
    CompactGraph next(CompactGraph previous, ChangeSet cs, long version, Instant time) {
        if (!cs.isStructural()) {
            List<Link> changed = new ArrayList<>();
            for (LinkId id : cs.metricsChanged()) {
                LinkEntry e = store.link(id);
                if (e != null && store.isVisible(e)) {
                    changed.add(link(e));
                }
            }
            CompactGraph patched = previous.withLinks(version, time, changed);
            if (patched != null) {
                return patched;
            }
        }
        List<NodeId> up = new ArrayList<>();
        for (NodeEntry n : store.nodes()) {
            if (n.isUp()) {
                up.add(n.id);
            }
        }
        NodeId[] ids = up.toArray(NodeId[]::new);
        Arrays.sort(ids);
        List<Link> visible = new ArrayList<>(store.links().size());
        for (LinkEntry e : store.links()) {
            if (store.isVisible(e)) {
                visible.add(link(e));
            }
        }
        return CompactGraph.build(version, time, store.nodeIds(), ids, visible);
    }

    /** Every node, UP or DOWN, and the graph's links, as one immutable record. */
    TopologySnapshot snapshot(CompactGraph graph, long version, Instant time) {
        TreeMap<NodeId, Node> n = new TreeMap<>();
        store.nodes().forEach(e -> n.put(e.id, e.toNode()));
        TreeMap<LinkId, Link> l = new TreeMap<>();
        for (Link link : graph.links()) {
            l.put(link.id(), link);
        }
        return new TopologySnapshot(version, time, n, l);
    }

    /** The link as readers see it: its quality cost multiplied by any penalty in force. */
    private Link link(LinkEntry e) {
        LinkPenalty p = penalties.get(e.id);
        if (p == null) {
            return e.toLink();
        }
        LinkQuality q = new LinkQuality(e.quality.score(), e.quality.cost() * p.factor());
        return new Link(e.id, e.metrics, q, e.lastMeasured);
    }
}
