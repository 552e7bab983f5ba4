package io.x0tta6bl4.healing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * The state of the MAPE-K loop: analysis (correlation, partition suspicion, damping),
 * planning (policies ranked by knowledge, dry-run, approval, backoff, budget), the outcome
 * of executions and their verification, and the knowledge kept about them. The Camel routes
 * call it; every method but {@link #execute} holds the engine's lock briefly, and
 * {@link #execute} calls the action outside it.
 */
final class HealingEngine {

    static final int MAX_INCIDENTS = 5000;
    static final String NOTIFY = "notify";

    private final Clock clock;
    private final ActionRegistry actions;
    private final KnowledgeStore store;
    private final Publisher publisher;
    private final Supplier<TopologyService> topology;
    private final MeshMemory memory = new MeshMemory();
    private final FlapDamper damper;
    private final Backoff backoff;
    private final TokenBucket budget;

    private final Map<String, Case> cases = new LinkedHashMap<>();
    /** Open cases by kind and subject. */
    private final Map<String, Case> openBySubject = new HashMap<>();
    private final Set<String> down = new LinkedHashSet<>();
    private final Set<String> seenNodes = new HashSet<>();
    private final ActionKnowledge knowledge = new ActionKnowledge();
    private final List<String> removed = new ArrayList<>();
    private Case partition;
    private long nextId = 1;
    private volatile HealingConfig config;
    private volatile boolean dryRun;
    private long deadLetters;
    private volatile Predicate<String> mitigated = subject -> false;
    private volatile Supplier<PeerAttestations> attestations = () -> null;
    private final ActionRunner runner = new ActionRunner();
    /** Whether node states were compared with the topology since this engine started. */
    private boolean reconciled;

    HealingEngine(Clock clock, HealingConfig config, ActionRegistry actions, KnowledgeStore store, Publisher publisher,
                  Supplier<TopologyService> topology) {
        this.clock = clock;
        this.config = config;
        this.dryRun = config.dryRun();
        this.actions = actions;
        this.store = store;
        this.publisher = publisher;
        this.topology = topology;
        long now = clock.millis();
        this.damper = new FlapDamper(config.dampingPenalty(), config.dampingSuppress(), config.dampingReuse(),
                config.dampingHalfLifeMs());
        this.backoff = new Backoff(config.backoffInitialMs(), config.backoffMaxMs());
        this.budget = new TokenBucket(config.budgetCapacity(), config.budgetPerMinute(), now);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Loads the incidents kept in the store; open ones are planned or verified again. */
    synchronized int load() {
        long now = clock.millis();
        List<Incident> loaded = store.load();
        loaded.sort(Comparator.comparing(Incident::detected));
        for (Incident i : loaded) {
            Case c = Case.from(i);
            cases.put(c.id, c);
            nextId = Math.max(nextId, number(c.id) + 1);
            for (ActionRecord a : i.actions()) {
                knowledge.learn(a, c.kind);
            }
            if (c.isOpen()) {
                openBySubject.put(key(c.kind, c.subject), c);
                if (c.kind.equals(HealthKinds.NODE_DOWN)) {
                    down.addAll(c.affected);
                }
                if (c.kind.equals(IncidentKinds.PARTITION)) {
                    partition = c;
                    down.addAll(c.affected);
                }
                if (c.state == IncidentState.VERIFYING) {
                    c.verifyAt = now + config.verifyDelayMs();
                } else if (c.state == IncidentState.OPEN) {
                    c.planDue = now + config.correlationWindowMs();
                }
            }
        }
        return loaded.size();
    }

    /**
     * Tells whether a subject is already mitigated outside the engine, e.g. a link whose cost
     * the topology penalizes: its verification passes, and new signals about it open nothing.
     */
    void mitigatedBy(Predicate<String> test) {
        mitigated = test == null ? subject -> false : test;
    }

    /** Where peers' attestation records are read (identity's PeerAttestations), for peer-trust incidents. */
    void attestationsFrom(Supplier<PeerAttestations> source) {
        attestations = source == null ? () -> null : source;
    }

    synchronized void configure(HealingConfig newConfig) {
        boolean dryRunChanged = newConfig.dryRun() != config.dryRun();
        config = newConfig;
        if (dryRunChanged) {
            dryRun = newConfig.dryRun();
        }
        damper.configure(newConfig.dampingPenalty(), newConfig.dampingSuppress(), newConfig.dampingReuse(),
                newConfig.dampingHalfLifeMs());
        backoff.configure(newConfig.backoffInitialMs(), newConfig.backoffMaxMs());
        budget.configure(newConfig.budgetCapacity(), newConfig.budgetPerMinute(), clock.millis());
    }

    HealingConfig config() {
        return config;
    }

    /** Interrupts action calls still running; their threads end with the engine. */
    void close() {
        runner.close();
    }

    /** Writes changed incidents to the store. */
    void flush() {
        List<Incident> changed = new ArrayList<>();
        List<String> gone;
        synchronized (this) {
            for (Case c : cases.values()) {
                if (c.dirty) {
                    changed.add(c.toIncident());
                    c.dirty = false;
                }
            }
            gone = new ArrayList<>(removed);
            removed.clear();
        }
        store.save(changed, gone);
    }

    // ------------------------------------------------------------------ analyze

    synchronized Decision analyze(Signal s) {
        long now = clock.millis();
        refreshMemory();
        if (s.kind().equals(HealthKinds.NODE_DOWN) || s.kind().equals(HealthKinds.NODE_UP)) {
            seenNodes.add(s.subject());
        }
        if (PeerTrust.isAttestation(s)) {
            return attested(s, now);
        }
        if (s.clears()) {
            return clear(s, now);
        }
        String subject = s.subject();
        if (s.kind().equals(HealthKinds.NODE_DOWN)) {
            down.add(subject);
        }
        Case same = openBySubject.get(key(s.kind(), subject));
        if (same != null) {
            same.event(s);
            same.lastBad = now;
            return new Decision(Decision.Verdict.JOINED, same.id, s.intakeNanos());
        }
        if (subjectIsLink(subject) && isMitigated(subject)) {
            return new Decision(Decision.Verdict.IGNORED, null, s.intakeNanos());
        }
        Case flapping = openBySubject.get(key(IncidentKinds.FLAPPING, subject));
        if (flapping != null && damper.isDamped(subject, now)) {
            damper.fail(subject, now);
            flapping.event(s);
            return new Decision(Decision.Verdict.DAMPED, flapping.id, s.intakeNanos());
        }
        if (s.kind().equals(HealthKinds.NODE_DOWN)) {
            if (partition != null) {
                partition.event(s);
                partition.affected.add(subject);
                return new Decision(Decision.Verdict.CORRELATED, partition.id, s.intakeNanos());
            }
            for (Case c : openCases()) {
                if (c.kind.equals(HealthKinds.NODE_DOWN) && c.state != IncidentState.DAMPED
                        && memory.behind(c.subject).contains(subject)) {
                    c.event(s);
                    c.affected.add(subject);
                    c.analysis(subject + " is cut off behind " + c.subject);
                    return new Decision(Decision.Verdict.CORRELATED, c.id, s.intakeNanos());
                }
            }
            if (partitionSuspected()) {
                Case p = openPartition(s, now);
                return new Decision(Decision.Verdict.PARTITION, p.id, s.intakeNanos());
            }
        }
        if (damper.fail(subject, now)) {
            Case f = open(IncidentKinds.FLAPPING, subject, s, now, subject + " flapped beyond the damping suppress limit ("
                    + Math.round(damper.penalty(subject, now)) + " > " + Math.round(config.dampingSuppress()) + ")");
            f.state = IncidentState.DAMPED;
            return new Decision(Decision.Verdict.DAMPED, f.id, s.intakeNanos());
        }
        Case c = open(s.kind(), subject, s, now, "opened by " + s.area() + "/" + s.kind() + " from " + s.source());
        if (s.kind().equals(HealthKinds.NODE_DOWN)) {
            Set<String> behind = memory.behind(subject);
            if (!behind.isEmpty()) {
                c.analysis(subject + " is an articulation point: " + behind.size() + " node(s) behind it");
                for (Case other : openCases()) {
                    if (other != c && other.kind.equals(HealthKinds.NODE_DOWN) && behind.contains(other.subject)
                            && now - other.detected <= config.correlationWindowMs() && other.acted == 0) {
                        merge(other, c, now);
                    }
                }
            }
        } else if (subjectIsLink(subject)) {
            Set<String> behind = memory.behind(subject);
            if (!behind.isEmpty()) {
                c.analysis(subject + " is a bridge: " + behind.size() + " node(s) behind it");
            }
        }
        return new Decision(Decision.Verdict.OPENED, c.id, s.intakeNanos());
    }

    private Decision clear(Signal s, long now) {
        String subject = s.subject();
        String clearedKind = s.clearedKind();
        Case cleared = null;
        if (HealthKinds.NODE_DOWN.equals(clearedKind) && topologyHasDown(subject)) {
            // EventAdmin keeps order only per posting thread: this NODE_UP was overtaken by a later NODE_DOWN
            Case open = openBySubject.get(key(clearedKind, subject));
            if (open != null) {
                open.event(s);
                open.analysis("ignored a stale " + s.kind() + ": the topology has " + subject + " DOWN");
            }
            return new Decision(Decision.Verdict.IGNORED, null, s.intakeNanos());
        }
        if (HealthKinds.NODE_DOWN.equals(clearedKind)) {
            down.remove(subject);
            if (partition != null && partition.isOpen()) {
                partition.event(s);
                if (!partitionSuspected()) {
                    resolve(partition, now, "the failed share fell to " + downShareText());
                    cleared = partition;
                    partition = null;
                    reopenAfterPartition(now);
                }
            }
        }
        Case c = clearedKind == null ? null : openBySubject.get(key(clearedKind, subject));
        if (c != null) {
            c.event(s);
            resolve(c, now, subject + " recovered (" + s.kind() + ")");
            cleared = c;
        }
        Case f = openBySubject.get(key(IncidentKinds.FLAPPING, subject));
        if (f != null) {
            f.event(s);
        }
        return new Decision(cleared == null ? Decision.Verdict.IGNORED : Decision.Verdict.CLEARED,
                cleared == null ? null : cleared.id, s.intakeNanos());
    }

    /**
     * A peer attested (identity's PEER_ATTESTED): its open peer-trust incidents resolve and
     * whatever they still planned (a quarantine awaiting approval) is dropped. Not when its
     * attestation record says its latest result is a failure: then the event is stale.
     */
    private Decision attested(Signal s, long now) {
        String subject = s.subject();
        boolean stale = PeerTrust.contradicted(attestations.get(), subject);
        Case cleared = null;
        for (String kind : PeerTrust.KINDS) {
            Case c = openBySubject.get(key(kind, subject));
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
            dropPlanned(c, now, why);
            resolve(c, now, why);
            cleared = c;
        }
        Case f = openBySubject.get(key(IncidentKinds.FLAPPING, subject));
        if (f != null) {
            f.event(s);
        }
        return new Decision(cleared == null ? Decision.Verdict.IGNORED : Decision.Verdict.CLEARED,
                cleared == null ? null : cleared.id, s.intakeNanos());
    }

    /** Records that the action an incident waits for (approval) will not run, and why. */
    private void dropPlanned(Case c, long now, String why) {
        if (c.state == IncidentState.AWAITING_APPROVAL && c.plan != null && c.nextCandidate < c.plan.size()) {
            record(c, new ActionRecord(c.plan.get(c.nextCandidate), c.nextCandidate + 1, Instant.ofEpochMilli(now),
                    Instant.ofEpochMilli(now), "SKIPPED", "N/A", "dropped while awaiting approval: " + why));
        }
    }

    /**
     * Compares node states with the topology once it is there, after a start: health events
     * posted while this bundle was stopped or updating never reached it, so a node that failed
     * meanwhile gets its incident, and an open NODE_DOWN incident of a node that came back
     * meanwhile resolves. Nodes already inside an open incident (behind an articulation point,
     * in a partition) are left to it.
     */
    private void reconcile(long now) {
        TopologyService t = topology.get();
        if (t == null) {
            return;
        }
        TopologySnapshot snapshot;
        try {
            snapshot = t.snapshot();
        } catch (RuntimeException e) {
            return;
        }
        reconciled = true;
        Set<String> covered = new HashSet<>();
        for (Case c : openCases()) {
            covered.add(c.subject);
            covered.addAll(c.affected);
        }
        long nanos = System.nanoTime();
        for (Node n : snapshot.nodes().values()) {
            String id = n.id().value();
            Case open = openBySubject.get(key(HealthKinds.NODE_DOWN, id));
            if (!n.isUp() && !covered.contains(id)) {
                analyze(new Signal("healing", HealthKinds.NODE_DOWN, id, Severity.WARNING, "reconcile", now,
                        "found DOWN in the topology when healing started", nanos));
            } else if (n.isUp() && open != null) {
                analyze(new Signal("healing", HealthKinds.NODE_UP, id, Severity.INFO, "reconcile", now,
                        "found UP in the topology when healing started", nanos));
            }
        }
    }

    /** Whether the topology, when present, has the node DOWN right now. */
    private boolean topologyHasDown(String node) {
        TopologyService t = topology.get();
        if (t == null) {
            return false;
        }
        try {
            return t.node(NodeId.of(node)).map(n -> !n.isUp()).orElse(false);
        } catch (RuntimeException e) {
            return false; // a malformed id or a topology going away: take the event as it is
        }
    }

    private Case openPartition(Signal s, long now) {
        Case p = open(IncidentKinds.PARTITION, "mesh", s, now, "suspected partition: " + downShareText()
                + " of the mesh failed, more than the " + Math.round(config.partitionShare() * 100)
                + "% share; disruptive actions are suppressed");
        p.affected.remove("mesh");
        p.affected.addAll(down);
        for (Case c : openCases()) {
            if (c != p && c.kind.equals(HealthKinds.NODE_DOWN)) {
                merge(c, p, now);
            }
        }
        partition = p;
        return p;
    }

    /** After a partition ends, nodes still down get incidents of their own. */
    private void reopenAfterPartition(long now) {
        for (String node : down) {
            if (!openBySubject.containsKey(key(HealthKinds.NODE_DOWN, node))) {
                Signal s = new Signal("healing", HealthKinds.NODE_DOWN, node, Severity.WARNING,
                        "healing", now, "still down when the partition ended", 0);
                open(HealthKinds.NODE_DOWN, node, s, now, "still down when the suspected partition ended");
            }
        }
    }

    private void merge(Case from, Case into, long now) {
        from.state = IncidentState.MERGED;
        from.mergedInto = into.id;
        from.resolved = now;
        from.analysis("correlated into " + into.id + " (" + into.kind + " " + into.subject + ")");
        openBySubject.remove(key(from.kind, from.subject));
        into.affected.addAll(from.affected);
        into.eventCount += from.eventCount;
        into.dirty = true;
    }

    private Case open(String kind, String subject, Signal s, long now, String analysis) {
        Case c = new Case(String.format("inc-%06d", nextId++), kind, subject, s.severity().name(), now, analysis);
        c.event(s);
        c.planDue = now + config.correlationWindowMs();
        cases.put(c.id, c);
        openBySubject.put(key(kind, subject), c);
        prune();
        publish(HealingTopics.INCIDENT_OPENED, c, Map.of());
        return c;
    }

    private void resolve(Case c, long now, String why) {
        c.state = IncidentState.RESOLVED;
        c.resolved = now;
        c.analysis("resolved: " + why);
        openBySubject.remove(key(c.kind, c.subject));
        for (int i = 0; i < c.actions.size(); i++) {
            ActionRecord a = c.actions.get(i);
            if (a.verification().equals("PENDING")) {
                c.actions.set(i, a.withVerification("VERIFIED", a.details() + "; " + why));
                knowledge.learn(c.actions.get(i), c.kind);
                backoff.succeeded(c.subject);
            }
        }
        publish(HealingTopics.INCIDENT_RESOLVED, c, Map.of(HealingTopics.TTR_MS, now - c.detected));
    }

    /**
     * Whether more than the configured share of the mesh is down with no known root cause:
     * nodes cut off behind a failed articulation point or bridge are explained by it and count
     * once, as their root.
     */
    private boolean partitionSuspected() {
        int size = meshSize();
        int unexplained = down.size();
        if (partition == null) {
            Set<String> explained = new HashSet<>();
            for (Case c : openBySubject.values()) {
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
        return unexplained >= config.partitionMinNodes() && size > 0
                && (double) unexplained / size > config.partitionShare();
    }

    private String downShareText() {
        return down.size() + " of " + meshSize() + " nodes";
    }

    private int meshSize() {
        return Math.max(memory.size(), seenNodes.size());
    }

    private void refreshMemory() {
        TopologyService t = topology.get();
        if (t != null) {
            try {
                memory.update(t.snapshot());
            } catch (RuntimeException e) {
                // the topology service went away under us; keep what we knew
            }
        }
    }

    // ------------------------------------------------------------------ plan

    /** The actions due now: incidents past their correlation window, backoff and budget permitting. */
    synchronized List<Ticket> plan() {
        long now = clock.millis();
        List<Ticket> out = new ArrayList<>();
        for (Case c : openCases()) {
            if (c.state != IncidentState.OPEN || c.executing || c.planDue > now) {
                continue;
            }
            Ticket t = next(c, now);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private Ticket next(Case c, long now) {
        if (c.plan == null) {
            c.plan = rank(c.kind);
            c.dirty = true;
        }
        while (c.nextCandidate < c.plan.size()) {
            String name = c.plan.get(c.nextCandidate);
            ActionHandle h = actions.get(name);
            if (h == null) {
                c.nextCandidate++;
                c.analysis("action '" + name + "' is not available");
                continue;
            }
            if (h.disruptive() && partition != null && partition.isOpen() && c != partition) {
                record(c, new ActionRecord(name, c.nextCandidate + 1, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                        "SUPPRESSED", "N/A", "disruptive action suppressed: partition suspected (" + partition.id + ")"));
                c.nextCandidate++;
                continue;
            }
            if (h.disruptive() && partition != null && c == partition) {
                record(c, new ActionRecord(name, c.nextCandidate + 1, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                        "SUPPRESSED", "N/A", "disruptive action suppressed during a suspected partition"));
                c.nextCandidate++;
                continue;
            }
            if (h.disruptive() && PeerTrust.isPeerTrust(c.kind) && !PeerTrust.failureVerified(c)) {
                // the report may name a good node on a neighbour's word: act on what re-attest proved only
                record(c, new ActionRecord(name, c.nextCandidate + 1, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                        "SKIPPED", "N/A", "not run: no verified failure of " + c.subject + " (a disruptive action on "
                        + c.kind + " needs this incident's " + Reattest.NAME + " to have failed at its signed endpoint)"));
                c.nextCandidate++;
                continue;
            }
            if ((h.approval() || config.approvalActions().contains(name)) && !c.approved.contains(name) && !dryRun) {
                c.state = IncidentState.AWAITING_APPROVAL;
                c.analysis("'" + name + "' waits for heal:approve " + c.id);
                return null;
            }
            if (!backoff.ready(c.subject, now)) {
                c.planDue = backoff.notBefore(c.subject);
                // an incident waiting with no action recorded must say why, or it looks stuck
                c.analysis("'" + name + "' waits " + (c.planDue - now) + " ms for the backoff of " + c.subject);
                return null;
            }
            if (!dryRun && !budget.tryTake(now)) {
                c.planDue = now + Math.max(1, budget.waitMs(now));
                if (!c.waitingForBudget) {
                    c.waitingForBudget = true;
                    c.analysis("'" + name + "' waits for the action budget (budget.capacity, budget.per.minute)");
                }
                return null;
            }
            c.waitingForBudget = false;
            c.executing = true;
            c.nextCandidate++;
            return new Ticket(c.id, name, c.nextCandidate, dryRun, false);
        }
        escalate(c, now, "no candidate action left");
        return null;
    }

    /** The policy's actions, remedial ones ranked by past verified success for the kind, then registered ones. */
    List<String> rank(String kind) {
        List<String> names = new ArrayList<>(config.policy(kind));
        for (ActionHandle h : actions.declaring(kind)) {
            if (!names.contains(h.name())) {
                names.add(h.name());
            }
        }
        List<String> remedial = new ArrayList<>();
        List<String> informational = new ArrayList<>();
        for (String n : names) {
            ActionHandle h = actions.get(n);
            (h == null || h.verify() ? remedial : informational).add(n);
        }
        remedial.sort(Comparator.comparingDouble((String n) -> -successRate(n, kind)));
        if (PeerTrust.isPeerTrust(kind)) {
            // what proves a failure (re-attest) runs before what needs the proof, whatever was learned
            remedial.sort(Comparator.comparing((String n) -> actions.get(n) != null && actions.get(n).disruptive()));
        }
        remedial.addAll(informational);
        return remedial;
    }

    /** Laplace-smoothed share of verified successes of the action for the kind. */
    double successRate(String action, String kind) {
        return knowledge.successRate(action, kind);
    }

    private void escalate(Case c, long now, String why) {
        if (c.state == IncidentState.ESCALATED) {
            return;
        }
        c.state = IncidentState.ESCALATED;
        c.analysis("escalated: " + why);
        publish(HealingTopics.INCIDENT_ESCALATED, c, Map.of(EventKeys.DETAILS, why));
    }

    // ------------------------------------------------------------------ execute

    /** Runs the ticket's action (or its rollback) on the caller's thread; exceptions propagate to the dead-letter channel. */
    ActionResult execute(Ticket t) throws Exception {
        ActionRequest request;
        ActionHandle h = actions.get(t.action());
        synchronized (this) {
            Case c = cases.get(t.incidentId());
            if (c == null) {
                return ActionResult.skipped("incident " + t.incidentId() + " is gone");
            }
            if (!c.isOpen() && !t.rollback()) {
                // resolved (e.g. the peer attested) between planning and now: the plan is stale
                c.executing = false;
                long now = clock.millis();
                record(c, new ActionRecord(t.action(), t.attempt(), Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                        "SKIPPED", "N/A", "dropped: incident " + c.id + " is " + c.state + " before it ran"));
                return ActionResult.skipped("incident " + c.id + " is " + c.state);
            }
            Map<String, String> ctx = new LinkedHashMap<>();
            ctx.put("affected", String.join(",", c.affected));
            ctx.put("analysis", c.analysis);
            ctx.put("severity", c.severity);
            request = new ActionRequest(c.id, c.kind, c.subject, t.attempt(), ctx);
        }
        long started = clock.millis();
        if (t.dryRun()) {
            completed(t, started, new ActionResult(ActionResult.Outcome.SKIPPED, "dry-run: would run " + t.action()), true);
            return ActionResult.skipped("dry-run");
        }
        if (h == null) {
            ActionResult r = ActionResult.failed("action '" + t.action() + "' went away");
            completed(t, started, r, false);
            return r;
        }
        ActionResult r = runner.call(() -> t.rollback() ? h.action().rollback(request) : h.action().execute(request),
                config.actionTimeoutMs());
        if (r == null) {
            r = ActionResult.failed("the action returned no result");
        }
        completed(t, started, r, false);
        return r;
    }

    private synchronized void completed(Ticket t, long started, ActionResult r, boolean dry) {
        long now = clock.millis();
        Case c = cases.get(t.incidentId());
        if (c == null) {
            return;
        }
        if (t.rollback()) {
            record(c, new ActionRecord(t.action() + ":rollback", t.attempt(), Instant.ofEpochMilli(started),
                    Instant.ofEpochMilli(now), "ROLLED_BACK", "N/A", r.outcome() + " " + r.details()));
            return;
        }
        c.executing = false;
        if (c.acted == 0 && !dry) {
            c.acted = now;
        }
        ActionHandle h = actions.get(t.action());
        boolean verify = h == null || h.verify();
        String outcome = dry ? "DRY_RUN" : r.outcome().name();
        String verification = !dry && r.outcome() == ActionResult.Outcome.SUCCEEDED && verify && c.isOpen() ? "PENDING" : "N/A";
        ActionRecord rec = new ActionRecord(t.action(), t.attempt(), Instant.ofEpochMilli(started), Instant.ofEpochMilli(now),
                outcome, verification, r.details());
        record(c, rec);
        publish(HealingTopics.ACTION_EXECUTED, c, Map.of(HealingTopics.ACTION, t.action(), HealingTopics.OUTCOME, outcome,
                HealingTopics.DRY_RUN, dry));
        if (!c.isOpen()) {
            return;
        }
        if (verification.equals("PENDING")) {
            c.state = IncidentState.VERIFYING;
            c.verifyAt = now + config.verifyDelayMs();
            return;
        }
        if (!dry) {
            knowledge.learn(rec, c.kind);
            if (r.outcome() != ActionResult.Outcome.SUCCEEDED) {
                backoff.failed(c.subject, now);
                c.planDue = backoff.notBefore(c.subject);
                return;
            }
        }
        c.planDue = now;
    }

    /** An action threw: recorded as failed, and the incident moves on to its next candidate. */
    synchronized void deadLetter(Ticket t, Throwable error) {
        deadLetters++;
        long now = clock.millis();
        Case c = cases.get(t.incidentId());
        if (c == null) {
            return;
        }
        if (!t.rollback()) {
            c.executing = false;
        }
        String why = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        ActionRecord rec = new ActionRecord(t.rollback() ? t.action() + ":rollback" : t.action(), t.attempt(),
                Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), "FAILED", "N/A", "threw " + why);
        record(c, rec);
        if (t.rollback()) {
            return;
        }
        if (c.acted == 0) {
            c.acted = now;
        }
        knowledge.learn(rec, c.kind);
        publish(HealingTopics.ACTION_EXECUTED, c, Map.of(HealingTopics.ACTION, t.action(), HealingTopics.OUTCOME, "FAILED",
                HealingTopics.DRY_RUN, false));
        if (c.isOpen()) {
            backoff.failed(c.subject, now);
            c.planDue = backoff.notBefore(c.subject);
        }
    }

    // ------------------------------------------------------------------ verify and housekeeping

    /** Verifications that are due, damping releases; returns rollbacks to run. */
    synchronized List<Ticket> tick() {
        long now = clock.millis();
        refreshMemory();
        if (!reconciled) {
            reconcile(now);
        }
        List<Ticket> rollbacks = new ArrayList<>();
        for (Case c : openCases()) {
            if (c.state == IncidentState.VERIFYING && c.verifyAt <= now) {
                verify(c, now, rollbacks);
            } else if (c.state == IncidentState.DAMPED && !damper.isDamped(c.subject, now)) {
                if (c.kind.equals(IncidentKinds.FLAPPING)) {
                    resolve(c, now, "damping released: penalty fell below the reuse limit");
                } else {
                    c.state = IncidentState.OPEN;
                    c.planDue = now;
                    c.analysis("damping released");
                }
            }
        }
        damper.prune(now);
        return rollbacks;
    }

    private void verify(Case c, long now, List<Ticket> rollbacks) {
        int last = lastPending(c);
        ActionRecord a = last < 0 ? null : c.actions.get(last);
        boolean ok = conditionCleared(c, a);
        if (ok) {
            resolve(c, now, "verified " + (now - c.detected) + " ms after detection: condition no longer holds");
            return;
        }
        if (a != null) {
            ActionRecord failed = a.withVerification("NOT_VERIFIED", a.details() + "; condition still held after "
                    + config.verifyDelayMs() + " ms");
            c.actions.set(last, failed);
            knowledge.learn(failed, c.kind);
            rollbacks.add(new Ticket(c.id, a.action(), a.attempt(), false, true));
        }
        c.dirty = true;
        c.state = IncidentState.OPEN;
        backoff.failed(c.subject, now);
        c.planDue = backoff.notBefore(c.subject);
        c.analysis("verification failed; trying the next candidate");
    }

    private boolean conditionCleared(Case c, ActionRecord a) {
        if (conditionGone(c) != null) {
            return true;
        }
        if (c.kind.equals(HealthKinds.NODE_DOWN) || c.kind.equals(IncidentKinds.PARTITION)) {
            return false;
        }
        // anything else: no new bad signal since the action finished
        long since = a == null || a.finished() == null ? c.detected : a.finished().toEpochMilli();
        return c.lastBad < since;
    }

    /**
     * One line saying the incident's condition no longer holds, from what is known now, or null:
     * a NODE_DOWN node UP in the topology, a partition's share fallen, a peer attested now
     * (PeerAttestations: later forged reports about it do not undo that), a link steered around.
     */
    private String conditionGone(Case c) {
        if (c.kind.equals(HealthKinds.NODE_DOWN)) {
            TopologyService t = topology.get();
            if (t == null) {
                return null;
            }
            try {
                return t.node(NodeId.of(c.subject)).map(Node::isUp).orElse(false)
                        ? c.subject + " is UP in the topology" : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (c.kind.equals(IncidentKinds.PARTITION)) {
            return partitionSuspected() ? null : "the failed share fell to " + downShareText();
        }
        if (PeerTrust.isPeerTrust(c.kind)) {
            return PeerTrust.attestedNow(attestations.get(), c.subject).orElse(null);
        }
        if (subjectIsLink(c.subject) && isMitigated(c.subject)) {
            return "routing already avoids " + c.subject;
        }
        return null;
    }

    private static int lastPending(Case c) {
        for (int i = c.actions.size() - 1; i >= 0; i--) {
            if (c.actions.get(i).verification().equals("PENDING")) {
                return i;
            }
        }
        return -1;
    }

    private void record(Case c, ActionRecord a) {
        c.actions.add(a);
        c.dirty = true;
    }

    // ------------------------------------------------------------------ control and read side

    synchronized void approve(String id) {
        Case c = cases.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no incident '" + id + "' (heal:incidents lists them)");
        }
        if (c.state != IncidentState.AWAITING_APPROVAL) {
            throw new IllegalStateException("incident " + id + " is " + c.state + ", not AWAITING_APPROVAL");
        }
        String action = c.plan.get(c.nextCandidate);
        String gone = conditionGone(c);
        if (gone != null) {
            // the plan was made on what was true then; an operator's yes does not make it true again
            long now = clock.millis();
            String why = gone + ", found when '" + action + "' was approved";
            dropPlanned(c, now, why);
            resolve(c, now, why);
            throw new IllegalStateException("approval refused: " + gone + ", so incident " + id
                    + " no longer needs '" + action + "' (resolved, plan dropped)");
        }
        c.approved.add(c.plan.get(c.nextCandidate));
        c.state = IncidentState.OPEN;
        c.planDue = clock.millis();
        c.analysis("approved: " + action);
    }

    boolean dryRun() {
        return dryRun;
    }

    void setDryRun(boolean on) {
        dryRun = on;
    }

    synchronized List<Incident> incidents(boolean openOnly) {
        List<Incident> out = new ArrayList<>();
        for (Case c : cases.values()) {
            if (!openOnly || c.isOpen()) {
                out.add(c.toIncident());
            }
        }
        out.sort(Comparator.comparing(Incident::id).reversed());
        return out;
    }

    synchronized Optional<Incident> incident(String id) {
        Case c = cases.get(id);
        return c == null ? Optional.empty() : Optional.of(c.toIncident());
    }

    synchronized HealingStats stats(long received, long dropped) {
        int open = 0;
        int resolved = 0;
        long ttr = 0;
        for (Case c : cases.values()) {
            if (c.isOpen()) {
                open++;
            } else if (c.state == IncidentState.RESOLVED) {
                resolved++;
                ttr += c.resolved - c.detected;
            }
        }
        return new HealingStats(cases.size(), open, resolved, resolved == 0 ? null : Duration.ofMillis(ttr / resolved),
                received, dropped, deadLetters, knowledge.perAction());
    }

    // ------------------------------------------------------------------ helpers

    private List<Case> openCases() {
        List<Case> out = new ArrayList<>(openBySubject.values());
        out.sort(Comparator.comparing(c -> c.id));
        return out;
    }

    private void prune() {
        if (cases.size() <= MAX_INCIDENTS) {
            return;
        }
        var it = cases.entrySet().iterator();
        while (cases.size() > MAX_INCIDENTS && it.hasNext()) {
            Case c = it.next().getValue();
            if (!c.isOpen()) {
                removed.add(c.id);
                it.remove();
            }
        }
    }

    private void publish(String topic, Case c, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(extra);
        p.put(HealingTopics.INCIDENT, c.id);
        p.put(EventKeys.KIND, c.kind);
        p.put(EventKeys.SUBJECT, c.subject);
        p.put(EventKeys.TIMESTAMP, clock.millis());
        p.put(EventKeys.SEVERITY, c.severity);
        c.dirty = true;
        publisher.publish(topic, p);
    }

    private boolean isMitigated(String subject) {
        try {
            return mitigated.test(subject);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean subjectIsLink(String subject) {
        return subject.contains("->");
    }

    private static String key(String kind, String subject) {
        return kind + '\u0000' + subject;
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.indexOf('-') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    Collection<String> down() {
        return down;
    }

    /** For tests: the snapshot the memory learns from. */
    synchronized void learnTopology(TopologySnapshot snapshot) {
        memory.update(snapshot);
    }
}
