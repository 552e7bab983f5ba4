package io.x0tta6bl4.healing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.TopologyService;

/**
 * The state of the MAPE-K loop behind one lock. The Camel routes call it; it dispatches to
 * the parts that share the {@link IncidentBook}: the {@link Correlator} (analysis), the
 * {@link Planner} (ranking, approval, backoff, budget), the {@link Verifier} (outcomes,
 * verification, rollback) and the {@link ActionKnowledge}. Every method but {@link #execute}
 * holds the lock briefly; {@link #execute} calls the action outside it.
 */
final class HealingEngine {

    /** Records an incident's history holds at most for reverts posted from outside the loop. */
    static final int MAX_RECORDS = 256;

    private final Clock clock;
    private final ActionRegistry actions;
    private final KnowledgeStore store;
    private final Conditions conditions;
    private final FlapDamper damper;
    private final Backoff backoff;
    private final TokenBucket budget;
    private final ActionKnowledge knowledge = new ActionKnowledge();
    private final IncidentBook book;
    private final Correlator correlator;
    private final Planner planner;
    private final Verifier verifier;
    private final ActionRunner runner = new ActionRunner();
    private volatile HealingConfig config;
    private volatile boolean dryRun;
    private long deadLetters;

    HealingEngine(Clock clock, HealingConfig config, ActionRegistry actions, KnowledgeStore store, Publisher publisher,
                  Supplier<TopologyService> topology) {
        this.clock = clock;
        this.config = config;
        this.dryRun = config.dryRun();
        this.actions = actions;
        this.store = store;
        this.conditions = new Conditions(topology);
        this.damper = new FlapDamper(config.dampingPenalty(), config.dampingSuppress(), config.dampingReuse(),
                config.dampingHalfLifeMs());
        this.backoff = new Backoff(config.backoffInitialMs(), config.backoffMaxMs());
        this.budget = new TokenBucket(config.budgetCapacity(), config.budgetPerMinute(), clock.millis());
        this.book = new IncidentBook(clock, publisher, (c, verified) -> {
            knowledge.learn(verified, c.kind);
            backoff.succeeded(c.subject);
        });
        this.correlator = new Correlator(book, conditions, damper, this::config);
        this.planner = new Planner(book, correlator, actions, knowledge, backoff, budget, this::config);
        this.verifier = new Verifier(book, correlator, conditions, actions, knowledge, backoff, this::config);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Loads the incidents kept in the store; open ones are planned or verified again. */
    synchronized int load() {
        long now = clock.millis();
        List<Incident> loaded = store.load();
        loaded.sort(Comparator.comparing(Incident::detected));
        for (Incident i : loaded) {
            Case c = Case.from(i);
            book.restore(c);
            for (ActionRecord a : i.actions()) {
                knowledge.learn(a, c.kind);
            }
            if (c.isOpen()) {
                correlator.restore(c);
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
        conditions.mitigatedBy(test);
    }

    /** Where peers' attestation records are read (identity's PeerAttestations), for peer-trust incidents. */
    void attestationsFrom(Supplier<PeerAttestations> source) {
        conditions.attestationsFrom(source);
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

    /** Writes changed incidents to the store (outside the lock). */
    void flush() {
        List<Incident> changed;
        List<String> gone;
        synchronized (this) {
            changed = book.takeChanged();
            gone = book.takeRemoved();
        }
        store.save(changed, gone);
    }

    // ------------------------------------------------------------------ the loop

    synchronized Decision analyze(HealthEvent event) {
        return correlator.analyze(event, clock.millis());
    }

    /** The actions due now: incidents past their correlation window, backoff and budget permitting. */
    synchronized List<Ticket> plan() {
        return planner.plan(clock.millis(), dryRun);
    }

    /** The policy's actions for a kind in the order they would be tried. */
    synchronized List<String> rank(String kind) {
        return planner.rank(kind);
    }

    /** Runs the ticket's action (or its rollback) on the caller's thread; exceptions propagate to the dead-letter channel. */
    ActionResult execute(Ticket t) throws Exception {
        ActionRequest request;
        ActionHandle h = actions.get(t.action());
        synchronized (this) {
            Case c = book.get(t.incidentId());
            if (c == null) {
                return ActionResult.skipped("incident " + t.incidentId() + " is gone");
            }
            if (!c.isOpen() && !t.rollback()) {
                // resolved (e.g. the peer attested) between planning and now: the plan is stale
                c.executing = false;
                book.recordNotRun(c, t.action(), t.attempt(), clock.millis(), "SKIPPED",
                        "dropped: incident " + c.id + " is " + c.state + " before it ran");
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
        Case c = book.get(t.incidentId());
        if (c != null) {
            verifier.completed(c, t, started, clock.millis(), r, dry);
        }
    }

    /**
     * An action put its own change back after it ran (ACTION_REVERTED): recorded in the incident's
     * history as {@code <action>:revert}, also for a resolved incident; an unknown incident, or
     * one whose history is full, is left alone (returns false).
     */
    synchronized boolean reverted(String incidentId, String action, String details) {
        Case c = book.get(incidentId);
        if (c == null || c.actions.size() >= MAX_RECORDS) {
            return false;
        }
        Instant at = Instant.ofEpochMilli(clock.millis());
        String text = details == null ? "" : details.length() > 500 ? details.substring(0, 500) + "..." : details;
        book.record(c, new ActionRecord(action + ":revert", 0, at, at, "REVERTED", "N/A", text));
        return true;
    }

    /** An action threw: recorded as failed, and the incident moves on to its next candidate. */
    synchronized void deadLetter(Ticket t, Throwable error) {
        deadLetters++;
        Case c = book.get(t.incidentId());
        if (c != null) {
            verifier.threw(c, t, clock.millis(), error);
        }
    }

    /** Verifications that are due, damping releases, reconciling after a start; returns rollbacks to run. */
    synchronized List<Ticket> tick() {
        long now = clock.millis();
        correlator.refreshMemory();
        correlator.reconcileOnce(now);
        List<Ticket> rollbacks = new ArrayList<>();
        for (Case c : book.openCases()) {
            verifier.verifyIfDue(c, now, rollbacks);
            correlator.releaseIfUndamped(c, now);
        }
        damper.prune(now);
        return rollbacks;
    }

    // ------------------------------------------------------------------ control and read side

    synchronized void approve(String id) {
        Case c = book.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no incident '" + id + "' (heal:incidents lists them)");
        }
        if (c.state != IncidentState.AWAITING_APPROVAL) {
            throw new IllegalStateException("incident " + id + " is " + c.state + ", not AWAITING_APPROVAL");
        }
        String action = c.plan.get(c.nextCandidate);
        String gone = verifier.conditionGone(c);
        long now = clock.millis();
        if (gone != null) {
            // the plan was made on what was true then; an operator's yes does not make it true again
            String why = gone + ", found when '" + action + "' was approved";
            book.dropPlanned(c, now, why);
            book.resolve(c, now, why);
            throw new IllegalStateException("approval refused: " + gone + ", so incident " + id
                    + " no longer needs '" + action + "' (resolved, plan dropped)");
        }
        planner.approve(c, now);
    }

    boolean dryRun() {
        return dryRun;
    }

    void setDryRun(boolean on) {
        dryRun = on;
    }

    synchronized List<Incident> incidents(boolean openOnly) {
        return book.incidents(openOnly);
    }

    synchronized Optional<Incident> incident(String id) {
        return book.incident(id);
    }

    synchronized HealingStats stats(long received, long dropped) {
        IncidentBook.Tally t = book.tally();
        return new HealingStats(t.total(), t.open(), t.resolved(), t.meanTimeToResolve(), received, dropped, deadLetters,
                knowledge.perAction());
    }
}
