package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeState;

/**
 * Records what a batch of mutations touched, as it was before the batch, so that the
 * events of the batch come from comparing before and after instead of being guessed at
 * each mutation. Every mutation must touch what it is about to change first.
 */
final class ChangeSet {

    static final String AREA = "topology";

    private final String source;
    private Instant now;
    /** The state before the batch; null for a node that did not exist. */
    private final Map<NodeId, NodeState> nodesBefore = new LinkedHashMap<>();
    private final Map<NodeId, Instant> lastSeenBefore = new LinkedHashMap<>();
    /** Nodes a provider reported lost in the batch, with its reason. */
    private final Map<NodeId, String> lost = new LinkedHashMap<>();
    /** Whether the link was in the graph (present, both ends UP) before the batch. */
    private final Map<LinkId, Boolean> linksBefore = new LinkedHashMap<>();
    /** Links whose penalty was set, lifted or lapsed in the batch. */
    private final Set<LinkId> penaltyChanged = new HashSet<>();
    /** Links whose metrics or penalty changed while they stayed in the graph. */
    private final Set<LinkId> metricsChanged = new LinkedHashSet<>();
    private boolean modified;
    /** Whether the batch changed which nodes exist, which are UP, or which links exist. */
    private boolean structural;
    private int operations;

    ChangeSet(String source, Instant now) {
        this.source = source;
        this.now = now;
    }

    Instant now() {
        return now;
    }

    String source() {
        return source;
    }

    /** A later call joins the batch: the batch's time is that of its latest call. */
    void advance(Instant later) {
        if (later.isAfter(now)) {
            now = later;
        }
    }

    void structural() {
        modified = true;
        structural = true;
    }

    boolean isStructural() {
        return structural;
    }

    void metricsChanged(LinkId id) {
        modified = true;
        metricsChanged.add(id);
    }

    Set<LinkId> metricsChanged() {
        return metricsChanged;
    }

    /** Counts one provider call joined to the batch; returns the count so far. */
    int countOperation() {
        return ++operations;
    }

    void touchNode(NodeId id, NodeEntry current) {
        modified = true;
        if (!nodesBefore.containsKey(id)) {
            nodesBefore.put(id, current == null ? null : current.state);
            lastSeenBefore.put(id, current == null ? null : current.lastSeen);
        }
    }

    void touchLink(LinkId id, boolean visible) {
        modified = true;
        linksBefore.putIfAbsent(id, visible);
    }

    void penaltyChanged(LinkId id) {
        modified = true;
        penaltyChanged.add(id);
    }

    /** The node goes DOWN because a provider said so; the reason replaces "not seen for". */
    void lost(NodeId id, String reason) {
        lost.put(id, reason);
    }

    boolean isModified() {
        return modified;
    }

    /** Compares the touched nodes and links with their state now. */
    Changes diff(TopologyStore after, PenaltyTable penalties, long version, double updateThreshold,
                 long timeoutMs) {
        long ts = now.toEpochMilli();
        List<TopologyEvent> added = new ArrayList<>();
        List<TopologyEvent> links = new ArrayList<>();
        List<TopologyEvent> removed = new ArrayList<>();
        List<HealthEvent> health = new ArrayList<>();
        for (Map.Entry<NodeId, NodeState> e : nodesBefore.entrySet()) {
            NodeEntry node = after.node(e.getKey());
            NodeState before = e.getValue();
            String subject = e.getKey().toString();
            if (before == null && node != null) {
                added.add(event(TopologyEventType.NODE_ADDED, subject, version, ts, "state=" + node.state));
            } else if (before != null && node == null) {
                removed.add(event(TopologyEventType.NODE_REMOVED, subject, version, ts, null));
            } else if (before != null && before != node.state) {
                added.add(event(TopologyEventType.NODE_UPDATED, subject, version, ts, "state=" + node.state));
                health.add(stateChange(node, lastSeenBefore.get(e.getKey()), timeoutMs));
            }
        }
        for (Map.Entry<LinkId, Boolean> e : linksBefore.entrySet()) {
            LinkEntry link = after.link(e.getKey());
            boolean visible = link != null && after.isVisible(link);
            boolean was = e.getValue();
            String subject = e.getKey().toString();
            if (!was && visible) {
                link.announcedScore = link.quality.score();
                links.add(event(TopologyEventType.LINK_ADDED, subject, version, ts, quality(link)));
            } else if (was && !visible) {
                links.add(event(TopologyEventType.LINK_REMOVED, subject, version, ts, null));
            } else if (visible && (penaltyChanged.contains(e.getKey())
                    || Math.abs(link.quality.score() - link.announcedScore) > updateThreshold)) {
                String details = quality(link) + String.format(Locale.ROOT, " previous=%.2f",
                        link.announcedScore);
                link.announcedScore = link.quality.score();
                LinkPenalty p = penalties.get(e.getKey());
                if (penaltyChanged.contains(e.getKey())) {
                    details += p == null ? " penalty=none" : " penalty=" + p.factor();
                }
                links.add(event(TopologyEventType.LINK_UPDATED, subject, version, ts, details));
            }
        }
        // subscribers learn of a node before its links, and of removed links before their node
        List<TopologyEvent> all = new ArrayList<>(added);
        all.addAll(links);
        all.addAll(removed);
        return new Changes(all, health);
    }

    private HealthEvent stateChange(NodeEntry node, Instant lastSeenBefore, long timeoutMs) {
        if (node.state == NodeState.DOWN) {
            double silentFor = (now.toEpochMilli() - node.lastSeen.toEpochMilli()) / 1000.0;
            String reason = lost.get(node.id);
            return new HealthEvent(AREA, HealthKinds.NODE_DOWN, node.id.toString(), Severity.WARNING, AREA,
                    now.toEpochMilli(), silentFor, timeoutMs / 1000.0,
                    reason == null ? "not seen for " + silentFor + " s" : "lost (" + source + "): " + reason);
        }
        // lastSeenBefore is when it was last seen before it came back: how long it was silent
        Double silentFor = lastSeenBefore == null ? null
                : Math.max(0, node.lastSeen.toEpochMilli() - lastSeenBefore.toEpochMilli()) / 1000.0;
        return new HealthEvent(AREA, HealthKinds.NODE_UP, node.id.toString(), Severity.INFO, AREA,
                now.toEpochMilli(), silentFor, null, "seen again by " + source);
    }

    private TopologyEvent event(TopologyEventType type, String subject, long version, long ts, String details) {
        return new TopologyEvent(type, subject, version, ts, source, details);
    }

    private static String quality(LinkEntry link) {
        return String.format(Locale.ROOT, "quality=%.2f", link.quality.score());
    }
}
