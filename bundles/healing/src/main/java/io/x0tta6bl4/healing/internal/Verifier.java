package io.x0tta6bl4.healing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.IncidentState;

/**
 * Execution outcomes and their verification: records what an action did, waits the verify
 * delay for an action that claims success, then resolves the case when its condition no longer
 * holds, or rolls the action back and lets the planner try the next candidate. What it learns
 * goes to the knowledge and the subject's backoff. Not thread-safe: the engine's lock guards it.
 */
final class Verifier {

    private final IncidentBook book;
    private final Correlator correlator;
    private final Conditions conditions;
    private final ActionRegistry actions;
    private final ActionKnowledge knowledge;
    private final Backoff backoff;
    private final Supplier<HealingConfig> config;

    Verifier(IncidentBook book, Correlator correlator, Conditions conditions, ActionRegistry actions,
             ActionKnowledge knowledge, Backoff backoff, Supplier<HealingConfig> config) {
        this.book = book;
        this.correlator = correlator;
        this.conditions = conditions;
        this.actions = actions;
        this.knowledge = knowledge;
        this.backoff = backoff;
        this.config = config;
    }

    /** An action (or its rollback) returned. */
    void completed(Case c, Ticket t, long started, long now, ActionResult r, boolean dry) {
        if (t.rollback()) {
            book.record(c, new ActionRecord(t.action() + ":rollback", t.attempt(), Instant.ofEpochMilli(started),
                    Instant.ofEpochMilli(now), "ROLLED_BACK", "N/A", r.outcome() + " " + r.details()));
            return;
        }
        c.executing = false;
        if (c.acted == 0 && !dry) {
            c.acted = now;
        }
        ActionHandle h = actions.get(t.action());
        // a damped case is settled by its damping, not by verifying that the flapping stopped
        boolean verify = (h == null || h.verify()) && !Planner.isDampedFlapping(c);
        String outcome = dry ? "DRY_RUN" : r.outcome().name();
        String verification = !dry && r.outcome() == ActionResult.Outcome.SUCCEEDED && verify && c.isOpen() ? "PENDING" : "N/A";
        ActionRecord rec = new ActionRecord(t.action(), t.attempt(), Instant.ofEpochMilli(started), Instant.ofEpochMilli(now),
                outcome, verification, r.details());
        book.record(c, rec);
        book.publish(HealingTopics.ACTION_EXECUTED, c, Map.of(HealingTopics.ACTION, t.action(), HealingTopics.OUTCOME,
                outcome, HealingTopics.DRY_RUN, dry));
        if (!c.isOpen()) {
            return;
        }
        if (verification.equals("PENDING")) {
            c.state = IncidentState.VERIFYING;
            c.verifyAt = now + config.get().verifyDelayMs();
            return;
        }
        if (!dry) {
            knowledge.learn(rec, c.kind);
            if (r.outcome() != ActionResult.Outcome.SUCCEEDED) {
                backedOff(c, now);
                return;
            }
        }
        c.planDue = now;
    }

    /** An action threw: recorded as failed, and the case moves on to its next candidate. */
    void threw(Case c, Ticket t, long now, Throwable error) {
        if (!t.rollback()) {
            c.executing = false;
        }
        String why = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        ActionRecord rec = new ActionRecord(t.rollback() ? t.action() + ":rollback" : t.action(), t.attempt(),
                Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), "FAILED", "N/A", "threw " + why);
        book.record(c, rec);
        if (t.rollback()) {
            return;
        }
        if (c.acted == 0) {
            c.acted = now;
        }
        knowledge.learn(rec, c.kind);
        book.publish(HealingTopics.ACTION_EXECUTED, c, Map.of(HealingTopics.ACTION, t.action(), HealingTopics.OUTCOME,
                "FAILED", HealingTopics.DRY_RUN, false));
        if (c.isOpen()) {
            backedOff(c, now);
        }
    }

    /** Verifies the case when its verify delay passed; a rollback to run is added to the list. */
    void verifyIfDue(Case c, long now, List<Ticket> rollbacks) {
        if (c.state != IncidentState.VERIFYING || c.verifyAt > now) {
            return;
        }
        int last = lastPending(c);
        ActionRecord a = last < 0 ? null : c.actions.get(last);
        if (conditionCleared(c, a)) {
            book.resolve(c, now, "verified " + (now - c.detected) + " ms after detection: condition no longer holds");
            return;
        }
        if (a != null) {
            ActionRecord failed = a.withVerification("NOT_VERIFIED", a.details() + "; condition still held after "
                    + config.get().verifyDelayMs() + " ms");
            c.actions.set(last, failed);
            knowledge.learn(failed, c.kind);
            rollbacks.add(new Ticket(c.id, a.action(), a.attempt(), false, true));
        }
        c.dirty = true;
        c.state = IncidentState.OPEN;
        backedOff(c, now);
        c.analysis("verification failed; trying the next candidate");
    }

    private void backedOff(Case c, long now) {
        backoff.failed(c.subject, now);
        c.planDue = backoff.notBefore(c.subject);
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
    String conditionGone(Case c) {
        if (c.kind.equals(HealthKinds.NODE_DOWN)) {
            return conditions.nodeUp(c.subject).orElse(false) ? c.subject + " is UP in the topology" : null;
        }
        if (c.kind.equals(IncidentKinds.PARTITION)) {
            return correlator.partitionSuspected() ? null : "the failed share fell to " + correlator.downShareText();
        }
        if (PeerTrust.isPeerTrust(c.kind)) {
            return PeerTrust.attestedNow(conditions.attestations(), c.subject).orElse(null);
        }
        if (conditions.mitigated(c.subject)) {
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
}
