package io.x0tta6bl4.topology.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/**
 * The topology's coordinator: it holds the one lock under which the elements
 * ({@link TopologyStore}), the penalties ({@link PenaltyTable}) and the open batch
 * ({@link ChangeAccumulator}) change, and publishes each closed batch as a version with its
 * graph ({@link GraphCompiler}). Every mutation returns the events it caused for the caller
 * to post after the lock is released. Readers get an immutable snapshot, built at most once
 * per version, and close the open batch first.
 */
final class TopologyModel {

    /** The source of changes the model makes on its own (timeouts, retention, penalties). */
    static final String SELF = ChangeSet.AREA;

    private final Object lock = new Object();
    private final TopologyStore store;
    private final PenaltyTable penalties = new PenaltyTable();
    private final GraphCompiler compiler;
    private final ChangeAccumulator changes;
    private volatile long version;
    private Instant versionTime = Instant.EPOCH;
    private volatile TopologySnapshot snapshot = TopologySnapshot.EMPTY;
    private volatile CompactGraph graph = CompactGraph.EMPTY;

    TopologyModel(Clock clock, LinkQualityScorer scorer) {
        store = new TopologyStore(scorer);
        compiler = new GraphCompiler(store, penalties);
        changes = new ChangeAccumulator(lock, clock, this::nextVersion);
    }

    /** Starts batching provider calls; see {@link ChangeAccumulator}. */
    void batch(ChangeAccumulator.Batching policy, ScheduledExecutorService timer, Consumer<Changes> closedElsewhere) {
        changes.batch(policy, timer, closedElsewhere);
    }

    /** Back to one version per call; closes the open batch. */
    Changes stopBatching() {
        return changes.stopBatching();
    }

    void configure(TopologyConfig newConfig) {
        store.configure(newConfig);
    }

    long version() {
        return version;
    }

    TopologySnapshot snapshot() {
        TopologySnapshot current = snapshot;
        if (!changes.isOpen() && current.version() == version) {
            return current;
        }
        Changes closed;
        synchronized (lock) {
            closed = changes.close();
            if (snapshot.version() != version) {
                snapshot = compiler.snapshot(graph, version, versionTime);
            }
            current = snapshot;
        }
        changes.post(closed);
        return current;
    }

    /** The routable graph of the current version, closing the open batch first. */
    CompactGraph graph() {
        if (!changes.isOpen()) {
            return graph;
        }
        Changes closed;
        CompactGraph g;
        synchronized (lock) {
            closed = changes.close();
            g = graph;
        }
        changes.post(closed);
        return g;
    }

    /** The node as the current version has it, without building a whole snapshot. */
    Optional<Node> node(NodeId id) {
        Changes closed;
        Optional<Node> found;
        synchronized (lock) {
            closed = changes.close();
            NodeEntry e = store.node(id);
            found = e == null ? Optional.empty() : Optional.of(e.toNode());
        }
        changes.post(closed);
        return found;
    }

    /** Closes the open batch now, publishing its events to the batching sink. */
    void flush() {
        graph();
    }

    /** The link's recent samples, oldest first; empty for an unknown link. */
    List<LinkSample> history(LinkId id) {
        synchronized (lock) {
            return store.history(id);
        }
    }

    Changes nodeSeen(String provider, NodeObservation observation) {
        return changes.apply(provider, cs -> store.see(provider, observation, cs));
    }

    Changes linkMeasured(String provider, LinkObservation observation) {
        return changes.apply(provider, cs -> {
            store.requireEnds(observation.id(), Set.of());
            store.measure(provider, observation, cs);
        });
    }

    /**
     * Applies a provider's round as one change. Links are checked before anything is
     * applied, so a round with a link to an unknown node changes nothing.
     */
    Changes report(String provider, Collection<NodeObservation> seen, Collection<LinkObservation> measured) {
        Set<NodeId> reported = new HashSet<>();
        seen.forEach(o -> reported.add(o.id()));
        return changes.apply(provider, cs -> {
            measured.forEach(o -> store.requireEnds(o.id(), reported));
            seen.forEach(o -> store.see(provider, o, cs));
            measured.forEach(o -> store.measure(provider, o, cs));
        });
    }

    Changes linkGone(String provider, LinkId id) {
        return changes.apply(provider, cs -> store.linkGone(provider, id, cs));
    }

    Changes nodeLost(String provider, NodeId id, String reason) {
        return changes.apply(provider, cs -> store.nodeLost(provider, id, reason, cs));
    }

    Changes nodeGone(String provider, NodeId id) {
        return changes.apply(provider, cs -> store.nodeGone(provider, id, cs));
    }

    Changes withdraw(String provider) {
        return changes.apply(provider, cs -> store.withdraw(provider, cs));
    }

    /** Penalizes both directions of a link, replacing an earlier penalty on it. */
    Changes penalize(LinkId link, double factor, Duration duration, String reason) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("penalty factor must be >= 1, was " + factor);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("penalty duration must be positive, was " + duration);
        }
        return changes.apply(SELF, cs -> store.penaltyChanged(
                penalties.set(link, factor, cs.now().plus(duration), reason), cs));
    }

    /**
     * Puts back penalties saved before a restart, those still in force; a link penalized
     * since (by a newer call) keeps its newer penalty.
     */
    Changes restorePenalties(List<LinkPenalty> saved) {
        return changes.apply(SELF, cs -> penalties.restore(saved, cs.now())
                .forEach(key -> store.penaltyChanged(key, cs)));
    }

    long penaltyChanges() {
        synchronized (lock) {
            return penalties.changes();
        }
    }

    /** Lifts the penalty on a link, in either direction; NONE if there was none. */
    Changes clearPenalty(LinkId link, boolean[] found) {
        return changes.apply(SELF, cs -> {
            LinkId key = penalties.clear(link);
            found[0] = key != null;
            if (found[0]) {
                store.penaltyChanged(key, cs);
            }
        });
    }

    List<LinkPenalty> penalties() {
        synchronized (lock) {
            return penalties.all();
        }
    }

    /** Lifts lapsed penalties, marks silent nodes DOWN, forgets nodes DOWN longer than the retention. */
    Changes sweep() {
        return changes.apply(SELF, cs -> {
            penalties.lapse(cs.now()).forEach(key -> store.penaltyChanged(key, cs));
            store.sweep(cs);
        });
    }

    /** Makes a closed batch the next version: its events and its graph. Under the lock. */
    private Changes nextVersion(ChangeSet cs) {
        version++;
        versionTime = cs.now();
        TopologyConfig c = store.config();
        Changes closed = cs.diff(store, penalties, version, c.linkUpdateThreshold(), c.nodeTimeoutMs());
        graph = compiler.next(graph, cs, version, versionTime);
        return closed;
    }
}
