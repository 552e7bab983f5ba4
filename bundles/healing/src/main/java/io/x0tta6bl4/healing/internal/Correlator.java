package io.x0tta6bl4.healing.internal;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * Analysis: what one health event means for the incident book. It joins an open case about the
 * same subject, is explained by a failed articulation point or bridge it sits behind, makes or
 * joins a suspected partition, is damped because its subject flaps, clears a case, or opens a
 * new one. Also compares node states with the topology once after a start. Not thread-safe:
 * the engine's lock guards it.
 */
final class Correlator {

    private final IncidentBook book;
    private final Conditions conditions;
    private final FlapDamper damper;
    private final Supplier<HealingConfig> config;
    private final MeshMemory memory = new MeshMemory();
    private final Set<String> down = new LinkedHashSet<>();
    private final Set<String> seenNodes = new HashSet<>();
    private Case partition;
    /** Whether node states were compared with the topology since the engine started. */
    private boolean reconciled;

    Correlator(IncidentBook book, Conditions conditions, FlapDamper damper, Supplier<HealingConfig> config) {
        this.book = book;
        this.conditions = conditions;
        this.damper = damper;
        this.config = config;
    }

    /** Takes an open case loaded from the store into account. */
    void restore(Case c) {
        if (c.kind.equals(HealthKinds.NODE_DOWN)) {
            down.addAll(c.affected);
        }
        if (c.kind.equals(IncidentKinds.PARTITION)) {
            partition = c;
            down.addAll(c.affected);
        }
    }

    /** The open suspected partition, or null. */
    Case partition() {
        return partition != null && partition.isOpen() ? partition : null;
    }

    Decision analyze(HealthEvent s, long now) {
        refreshMemory();
        if (s.kind().equals(HealthKinds.NODE_DOWN) || s.kind().equals(HealthKinds.NODE_UP)) {
            seenNodes.add(s.subject());
        }
        if (PeerTrust.isAttestation(s)) {
            return attested(s, now);
        }
        if (HealthEvents.clears(s)) {
            return clear(s, now);
        }
        String subject = s.subject();
        if (s.kind().equals(HealthKinds.NODE_DOWN)) {
            down.add(subject);
        }
        Case same = book.open(s.kind(), subject);
        if (same != null) {
            same.event(s);
            same.lastBad = now;
            return Decision.of(Decision.Verdict.JOINED, same);
        }
        if (conditions.mitigated(subject)) {
            return Decision.IGNORED;
        }
        Case flapping = book.open(IncidentKinds.FLAPPING, subject);
        if (flapping != null && damper.isDamped(subject, now)) {
            damper.fail(subject, now);
            flapping.event(s);
            return Decision.of(Decision.Verdict.DAMPED, flapping);
        }
        if (s.kind().equals(HealthKinds.NODE_DOWN)) {
            Decision explained = explainDown(s, now);
            if (explained != null) {
                return explained;
            }
        }
        if (damper.fail(subject, now)) {
            Case f = open(IncidentKinds.FLAPPING, subject, s, now, subject + " flapped beyond the damping suppress limit ("
                    + Math.round(damper.penalty(subject, now)) + " > " + Math.round(config.get().dampingSuppress()) + ")");
            f.state = IncidentState.DAMPED;
            return Decision.of(Decision.Verdict.DAMPED, f);
        }
        Case c = open(s.kind(), subject, s, now, "opened by " + s.area() + "/" + s.kind() + " from " + s.source());
        if (s.kind().equals(HealthKinds.NODE_DOWN)) {
            rootOfOthers(c, now);
        } else if (Conditions.isLink(subject)) {
            Set<String> behind = memory.behind(subject);
            if (!behind.isEmpty()) {
                c.analysis(subject + " is a bridge: " + behind.size() + " node(s) behind it");
            }
        }
        return Decision.of(Decision.Verdict.OPENED, c);
    }

    /** A node down explained by an open partition or a failed node it sits behind, or making a partition. */
    private Decision explainDown(HealthEvent s, long now) {
        String subject = s.subject();
        if (partition != null) {
            partition.event(s);
            partition.affected.add(subject);
            return Decision.of(Decision.Verdict.CORRELATED, partition);
        }
        for (Case c : book.openCases()) {
            if (c.kind.equals(HealthKinds.NODE_DOWN) && c.state != IncidentState.DAMPED
                    && memory.behind(c.subject).contains(subject)) {
                c.event(s);
                c.affected.add(subject);
                c.analysis(subject + " is cut off behind " + c.subject);
                return Decision.of(Decision.Verdict.CORRELATED, c);
            }
        }
        if (partitionSuspected()) {
            return Decision.of(Decision.Verdict.PARTITION, openPartition(s, now));
        }
        return null;
    }

    /** A new NODE_DOWN case about an articulation point takes in the fresh cases of nodes behind it. */
    private void rootOfOthers(Case c, long now) {
        Set<String> behind = memory.behind(c.subject);
        if (behind.isEmpty()) {
            return;
        }
        c.analysis(c.subject + " is an articulation point: " + behind.size() + " node(s) behind it");
        for (Case other : book.openCases()) {
            if (other != c && other.kind.equals(HealthKinds.NODE_DOWN) && behind.contains(other.subject)
                    && now - other.detected <= config.get().correlationWindowMs() && other.acted == 0) {
                book.merge(other, c, now);
            }
        }
    }

    private Decision clear(HealthEvent s, long now) {
        String subject = s.subject();
        String clearedKind = HealthEvents.clearedKind(s);
        Case cleared = null;
        if (HealthKinds.NODE_DOWN.equals(clearedKind) && conditions.nodeUp(subject).map(up -> !up).orElse(false)) {
            // EventAdmin keeps order only per posting thread: this NODE_UP was overtaken by a later NODE_DOWN
            Case open = book.open(clearedKind, subject);
            if (open != null) {
                open.event(s);
                open.analysis("ignored a stale " + s.kind() + ": the topology has " + subject + " DOWN");
            }
            return Decision.IGNORED;
        }
        if (HealthKinds.NODE_DOWN.equals(clearedKind)) {
            down.remove(subject);
            if (partition != null && partition.isOpen()) {
                partition.event(s);
                if (!partitionSuspected()) {
                    book.resolve(partition, now, "the failed share fell to " + downShareText());
                    cleared = partition;
                    partition = null;
                    reopenAfterPartition(now);
                }
            }
        }
        Case c = clearedKind == null ? null : book.open(clearedKind, subject);
        if (c != null) {
            c.event(s);
            book.resolve(c, now, subject + " recovered (" + s.kind() + ")");
            cleared = c;
        }
        noteOnFlapping(s);
        return cleared == null ? Decision.IGNORED : Decision.of(Decision.Verdict.CLEARED, cleared);
    }

    /**
     * A peer attested (identity's PEER_ATTESTED): its open peer-trust incidents resolve and
     * whatever they still planned (a quarantine awaiting approval) is dropped. Not when its
     * attestation record says its latest result is a failure: then the event is stale.
     */
    private Decision attested(HealthEvent s, long now) {
        String subject = s.subject();
        boolean stale = PeerTrust.contradicted(conditions.attestations(), subject);
        Case cleared = null;
        for (String kind : PeerTrust.KINDS) {
            Case c = book.open(kind, subject);
            if (c == null) {
                continue;
            }
            c.event(s);
            if (stale) {
                c.analysis("ignored a stale " + s.kind() + ": the latest attestation of " + subject + " failed");
                continue;
            }
            String why = subject + " attested (" + s.area() + "/" + s.kind() + " from " + s.source()
                    + (s.details() == null ? "" : ", " + s.details()) + ")";
            book.dropPlanned(c, now, why);
            book.resolve(c, now, why);
            cleared = c;
        }
        noteOnFlapping(s);
        return cleared == null ? Decision.IGNORED : Decision.of(Decision.Verdict.CLEARED, cleared);
    }

    private void noteOnFlapping(HealthEvent s) {
        Case f = book.open(IncidentKinds.FLAPPING, s.subject());
        if (f != null) {
            f.event(s);
        }
    }

    /**
     * Compares node states with the topology once it is there, after a start: health events
     * posted while this bundle was stopped or updating never reached it, so a node that failed
     * meanwhile gets its incident, and an open NODE_DOWN incident of a node that came back
     * meanwhile resolves. Nodes already inside an open incident (behind an articulation point,
     * in a partition) are left to it.
     */
    void reconcileOnce(long now) {
        if (reconciled) {
            return;
        }
        Optional<TopologySnapshot> snapshot = conditions.snapshot();
        if (snapshot.isEmpty()) {
            return;
        }
        reconciled = true;
        Set<String> covered = new HashSet<>();
        for (Case c : book.openCases()) {
            covered.add(c.subject);
            covered.addAll(c.affected);
        }
        for (Node n : snapshot.get().nodes().values()) {
            String id = n.id().value();
            if (!n.isUp() && !covered.contains(id)) {
                analyze(HealthEvents.ofHealing(HealthKinds.NODE_DOWN, id, Severity.WARNING, "reconcile", now,
                        "found DOWN in the topology when healing started"), now);
            } else if (n.isUp() && book.hasOpen(HealthKinds.NODE_DOWN, id)) {
                analyze(HealthEvents.ofHealing(HealthKinds.NODE_UP, id, Severity.INFO, "reconcile", now,
                        "found UP in the topology when healing started"), now);
            }
        }
    }

    /** Releases a damped case whose subject's penalty fell below the reuse limit. */
    void releaseIfUndamped(Case c, long now) {
        boolean flapping = c.kind.equals(IncidentKinds.FLAPPING) && c.isOpen();
        if ((c.state != IncidentState.DAMPED && !flapping) || damper.isDamped(c.subject, now)) {
            return;
        }
        if (flapping) {
            book.resolve(c, now, "damping released: penalty fell below the reuse limit");
        } else {
            c.state = IncidentState.OPEN;
            c.planDue = now;
            c.analysis("damping released");
        }
    }

    private Case openPartition(HealthEvent s, long now) {
        Case p = open(IncidentKinds.PARTITION, "mesh", s, now, "suspected partition: " + downShareText()
                + " of the mesh failed, more than the " + Math.round(config.get().partitionShare() * 100)
                + "% share; disruptive actions are suppressed");
        p.affected.remove("mesh");
        p.affected.addAll(down);
        for (Case c : book.openCases()) {
            if (c != p && c.kind.equals(HealthKinds.NODE_DOWN)) {
                book.merge(c, p, now);
            }
        }
        partition = p;
        return p;
    }

    /** After a partition ends, nodes still down get incidents of their own. */
    private void reopenAfterPartition(long now) {
        for (String node : down) {
            if (!book.hasOpen(HealthKinds.NODE_DOWN, node)) {
                open(HealthKinds.NODE_DOWN, node, HealthEvents.ofHealing(HealthKinds.NODE_DOWN, node, Severity.WARNING,
                        "healing", now, "still down when the partition ended"), now,
                        "still down when the suspected partition ended");
            }
        }
    }

    private Case open(String kind, String subject, HealthEvent s, long now, String analysis) {
        return book.open(kind, subject, s, now, analysis, now + config.get().correlationWindowMs());
    }

    /**
     * Whether more than the configured share of the mesh is down with no known root cause:
     * nodes cut off behind a failed articulation point or bridge are explained by it and count
     * once, as their root.
     */
    boolean partitionSuspected() {
        int size = meshSize();
        int unexplained = down.size();
        if (partition == null) {
            Set<String> explained = new HashSet<>();
            for (Case c : book.openCases()) {
                if (c.kind.equals(HealthKinds.NODE_DOWN)) {
                    for (String a : c.affected) {
                        if (!a.equals(c.subject)) {
                            explained.add(a);
                        }
                    }
                }
            }
            explained.retainAll(down);
            unexplained -= explained.size();
        }
        HealingConfig cfg = config.get();
        return unexplained >= cfg.partitionMinNodes() && size > 0 && (double) unexplained / size > cfg.partitionShare();
    }

    String downShareText() {
        return down.size() + " of " + meshSize() + " nodes";
    }

    private int meshSize() {
        return Math.max(memory.size(), seenNodes.size());
    }

    /** Learns articulation points and bridges from the topology, when there is one. */
    void refreshMemory() {
        conditions.snapshot().ifPresent(memory::update);
    }
}
