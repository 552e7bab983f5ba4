package io.x0tta6bl4.topology.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/**
 * The mutable topology: nodes and links with the providers that own them. Every
 * mutation runs as one change set under the model's lock, bumps the version once and
 * returns the events it caused for the caller to post after the lock is released.
 * Readers get an immutable snapshot, built at most once per version.
 */
final class TopologyModel {

    /** The source of changes the model makes on its own (timeouts, retention). */
    static final String SELF = ChangeSet.AREA;

    private final Object lock = new Object();
    private final Clock clock;
    private final LinkQualityScorer scorer;
    private final Map<NodeId, NodeEntry> nodes = new HashMap<>();
    private final Map<LinkId, LinkEntry> links = new HashMap<>();
    private final PenaltyTable penalties = new PenaltyTable();
    private final View view = new View();
    private volatile TopologyConfig config = TopologyConfig.DEFAULTS;
    private volatile long version;
    private Instant versionTime = Instant.EPOCH;
    private volatile TopologySnapshot snapshot = TopologySnapshot.EMPTY;
    private volatile CompactGraph graph = CompactGraph.EMPTY;
    /** The batch collecting provider calls, null when none is open. */
    private ChangeSet open;
    private volatile boolean batchOpen;
    private long openedNanos;
    private long lastCallNanos;
    private volatile Batching batching = Batching.IMMEDIATE;
    /** Receives the changes of batches closed by a reader or by the batching timer. */
    private volatile Consumer<Changes> closedElsewhere = c -> { };
    private ScheduledExecutorService timer;

    TopologyModel(Clock clock, LinkQualityScorer scorer) {
        this.clock = clock;
        this.scorer = scorer;
    }

    /**
     * How provider calls are grouped into versions.
     *
     * @param maxCalls calls after which a batch closes at once; 1 closes every call at once
     * @param idleMs   a batch closes after this long without a further call
     * @param maxMs    a batch closes after this long however busy the provider is
     */
    record Batching(int maxCalls, long idleMs, long maxMs) {
        static final Batching IMMEDIATE = new Batching(1, 0, 0);
        static final Batching DEFAULT = new Batching(1000, 10, 50);
    }

    /**
     * Starts batching provider calls: calls within a burst become one version and one set
     * of events. A batch closes after {@code maxCalls} calls, {@code idleMs} of quiet or
     * {@code maxMs} since it opened, and whenever someone reads the topology, so a reader
     * always sees every call that has returned.
     */
    void batch(Batching policy, ScheduledExecutorService timer, Consumer<Changes> closedElsewhere) {
        synchronized (lock) {
            this.batching = policy;
            this.timer = timer;
            this.closedElsewhere = closedElsewhere;
        }
    }

    /** Back to one version per call; closes the open batch. */
    Changes stopBatching() {
        synchronized (lock) {
            batching = Batching.IMMEDIATE;
            timer = null;
            return close();
        }
    }

    void configure(TopologyConfig newConfig) {
        this.config = newConfig;
    }

    long version() {
        return version;
    }

    TopologySnapshot snapshot() {
        TopologySnapshot current = snapshot;
        if (!batchOpen && current.version() == version) {
            return current;
        }
        Changes closed;
        synchronized (lock) {
            closed = close();
            if (snapshot.version() != version) {
                snapshot = build();
            }
            current = snapshot;
        }
        closedElsewhere.accept(closed);
        return current;
    }

    /** The routable graph of the current version, closing the open batch first. */
    CompactGraph graph() {
        if (!batchOpen) {
            return graph;
        }
        Changes closed;
        CompactGraph g;
        synchronized (lock) {
            closed = close();
            g = graph;
        }
        closedElsewhere.accept(closed);
        return g;
    }

    /** The node as the current version has it, without building a whole snapshot. */
    Optional<Node> node(NodeId id) {
        Changes closed;
        Optional<Node> found;
        synchronized (lock) {
            closed = close();
            NodeEntry e = nodes.get(id);
            found = e == null ? Optional.empty() : Optional.of(e.toNode());
        }
        closedElsewhere.accept(closed);
        return found;
    }

    /** Closes the open batch now, publishing its events to the batching sink. */
    void flush() {
        graph();
    }

    /** The link's recent samples, oldest first; empty for an unknown link. */
    List<LinkSample> history(LinkId id) {
        synchronized (lock) {
            LinkEntry e = links.get(id);
            return e == null ? List.of() : e.history.samples();
        }
    }

    Changes nodeSeen(String provider, NodeObservation observation) {
        return apply(provider, cs -> see(provider, observation, cs));
    }

    Changes linkMeasured(String provider, LinkObservation observation) {
        return apply(provider, cs -> {
            requireEnds(observation.id(), Set.of());
            measure(provider, observation, cs);
        });
    }

    /**
     * Applies a provider's round as one change. Links are checked before anything is
     * applied, so a round with a link to an unknown node changes nothing.
     */
    Changes report(String provider, Collection<NodeObservation> seen, Collection<LinkObservation> measured) {
        Set<NodeId> reported = new HashSet<>();
        seen.forEach(o -> reported.add(o.id()));
        return apply(provider, cs -> {
            measured.forEach(o -> requireEnds(o.id(), reported));
            seen.forEach(o -> see(provider, o, cs));
            measured.forEach(o -> measure(provider, o, cs));
        });
    }

    Changes linkGone(String provider, LinkId id) {
        return apply(provider, cs -> {
            LinkEntry link = links.get(id);
            if (link != null && link.owners.contains(provider)) {
                disown(provider, link, cs);
            }
        });
    }

    Changes nodeLost(String provider, NodeId id, String reason) {
        return apply(provider, cs -> {
            NodeEntry node = nodes.get(id);
            if (node != null && node.isUp() && node.owners.contains(provider)) {
                cs.lost(id, reason);
                setState(node, NodeState.DOWN, cs);
            }
        });
    }

    Changes nodeGone(String provider, NodeId id) {
        return apply(provider, cs -> {
            NodeEntry node = nodes.get(id);
            if (node != null && node.owners.contains(provider)) {
                disown(provider, node, cs);
            }
        });
    }

    Changes withdraw(String provider) {
        return apply(provider, cs -> {
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
        });
    }

    /** Penalizes both directions of a link, replacing an earlier penalty on it. */
    Changes penalize(LinkId link, double factor, Duration duration, String reason) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("penalty factor must be >= 1, was " + factor);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("penalty duration must be positive, was " + duration);
        }
        return apply(SELF, cs -> touchPenalized(penalties.set(link, factor, cs.now().plus(duration), reason), cs));
    }

    /**
     * Puts back penalties saved before a restart, those still in force; a link penalized
     * since (by a newer call) keeps its newer penalty.
     */
    Changes restorePenalties(List<LinkPenalty> saved) {
        return apply(SELF, cs -> penalties.restore(saved, cs.now()).forEach(key -> touchPenalized(key, cs)));
    }

    long penaltyChanges() {
        synchronized (lock) {
            return penalties.changes();
        }
    }

    /** Lifts the penalty on a link, in either direction; NONE if there was none. */
    Changes clearPenalty(LinkId link, boolean[] found) {
        return apply(SELF, cs -> {
            LinkId key = penalties.clear(link);
            found[0] = key != null;
            if (found[0]) {
                touchPenalized(key, cs);
            }
        });
    }

    List<LinkPenalty> penalties() {
        synchronized (lock) {
            return penalties.all();
        }
    }

    private void touchPenalized(LinkId key, ChangeSet cs) {
        for (LinkId id : List.of(key, key.reversed())) {
            LinkEntry e = links.get(id);
            cs.touchLink(id, e != null && isVisible(e));
            cs.penaltyChanged(id);
            cs.metricsChanged(id);
        }
    }

    /** Marks silent nodes DOWN, forgets nodes DOWN longer than the retention, lifts lapsed penalties. */
    Changes sweep() {
        return apply(SELF, cs -> {
            TopologyConfig c = config;
            Instant now = cs.now();
            penalties.lapse(now).forEach(key -> touchPenalized(key, cs));
            for (NodeEntry node : List.copyOf(nodes.values())) {
                if (node.isUp() && silentFor(node, now) > c.nodeTimeoutMs()) {
                    setState(node, NodeState.DOWN, cs);
                } else if (!node.isUp()
                        && Duration.between(node.downSince, now).toMillis() > c.nodeRetentionMs()) {
                    remove(node, cs);
                }
            }
        });
    }

    /**
     * Applies a mutation, joining the open batch when it comes from the same source.
     * Returns the changes of any batch this call closed, for the caller to post.
     */
    private Changes apply(String source, Consumer<ChangeSet> mutation) {
        synchronized (lock) {
            Changes closed = Changes.NONE;
            if (open != null && !open.source().equals(source)) {
                closed = close();
            }
            Instant now = clock.instant();
            ChangeSet cs = open;
            if (cs == null) {
                cs = new ChangeSet(source, now);
            } else {
                cs.advance(now);
            }
            mutation.accept(cs);
            if (!cs.isModified()) {
                return closed;
            }
            long nanos = System.nanoTime();
            if (open == null) {
                open = cs;
                batchOpen = true;
                openedNanos = nanos;
                schedule(batching.idleMs());
            }
            lastCallNanos = nanos;
            if (timer == null || cs.countOperation() >= batching.maxCalls()) {
                closed = Changes.concat(closed, close());
            }
            return closed;
        }
    }

    /** Closes the open batch: one new version, its graph and its events. Under the lock. */
    private Changes close() {
        ChangeSet cs = open;
        if (cs == null) {
            return Changes.NONE;
        }
        open = null;
        batchOpen = false;
        version++;
        versionTime = cs.now();
        TopologyConfig c = config;
        Changes changes = cs.diff(view, version, c.linkUpdateThreshold(), c.nodeTimeoutMs());
        graph = nextGraph(cs);
        return changes;
    }

    private void schedule(long delayMs) {
        ScheduledExecutorService t = timer;
        if (t == null) {
            return;
        }
        try {
            t.schedule(this::closeIfDue, Math.max(1, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the component is stopping: the next reader closes the batch
        }
    }

    /** The batching timer: closes the batch once it is idle or old enough, else looks again later. */
    private void closeIfDue() {
        Changes closed = Changes.NONE;
        synchronized (lock) {
            if (open == null) {
                return;
            }
            long now = System.nanoTime();
            Batching b = batching;
            long idleDue = lastCallNanos + TimeUnit.MILLISECONDS.toNanos(b.idleMs());
            long maxDue = openedNanos + TimeUnit.MILLISECONDS.toNanos(b.maxMs());
            long due = Math.min(idleDue, maxDue);
            if (now >= due) {
                closed = close();
            } else {
                schedule(TimeUnit.NANOSECONDS.toMillis(due - now) + 1);
            }
        }
        closedElsewhere.accept(closed);
    }

    /** The graph after a batch: patched when only metrics changed, rebuilt otherwise. */
    private CompactGraph nextGraph(ChangeSet cs) {
        CompactGraph previous = graph;
        if (!cs.isStructural()) {
            List<Link> changed = new ArrayList<>();
            for (LinkId id : cs.metricsChanged()) {
                LinkEntry e = links.get(id);
                if (e != null && isVisible(e)) {
                    changed.add(link(e));
                }
            }
            CompactGraph patched = previous.withLinks(version, versionTime, changed);
            if (patched != null) {
                return patched;
            }
        }
        List<NodeId> up = new ArrayList<>();
        for (NodeEntry n : nodes.values()) {
            if (n.isUp()) {
                up.add(n.id);
            }
        }
        NodeId[] ids = up.toArray(NodeId[]::new);
        Arrays.sort(ids);
        List<Link> visible = new ArrayList<>(links.size());
        for (LinkEntry e : links.values()) {
            if (isVisible(e)) {
                visible.add(link(e));
            }
        }
        return CompactGraph.build(version, versionTime, nodes.keySet(), ids, visible);
    }

    private void requireEnds(LinkId id, Set<NodeId> alsoKnown) {
        for (NodeId end : List.of(id.from(), id.to())) {
            if (!nodes.containsKey(end) && !alsoKnown.contains(end)) {
                throw new IllegalArgumentException("link " + id + " refused: node " + end
                        + " has not been reported by any provider");
            }
        }
    }

    private void see(String provider, NodeObservation o, ChangeSet cs) {
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

    private void measure(String provider, LinkObservation o, ChangeSet cs) {
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

    private boolean isVisible(LinkEntry link) {
        NodeEntry from = nodes.get(link.id.from());
        NodeEntry to = nodes.get(link.id.to());
        return from != null && to != null && from.isUp() && to.isUp();
    }

    private static long silentFor(NodeEntry node, Instant now) {
        return silentFor(node.lastSeen, now);
    }

    private static long silentFor(Instant seen, Instant now) {
        return Duration.between(seen, now).toMillis();
    }

    private TopologySnapshot build() {
        TreeMap<NodeId, Node> n = new TreeMap<>();
        nodes.values().forEach(e -> n.put(e.id, e.toNode()));
        TreeMap<LinkId, Link> l = new TreeMap<>();
        for (Link link : graph.links()) {
            l.put(link.id(), link);
        }
        return new TopologySnapshot(version, versionTime, n, l);
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

    /** Read access for the change set's diff, which runs under the lock. */
    final class View {

        NodeEntry node(NodeId id) {
            return nodes.get(id);
        }

        LinkEntry link(LinkId id) {
            return links.get(id);
        }

        boolean isVisible(LinkEntry link) {
            return TopologyModel.this.isVisible(link);
        }

        LinkPenalty penalty(LinkId id) {
            return penalties.get(id);
        }
    }

}
