package io.x0tta6bl4.healing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.healing.IncidentState;

/**
 * Planning: for each open case past its correlation window, the next action of its plan
 * (the policy's actions ranked by what the knowledge says worked), unless a suspected
 * partition suppresses it, a peer-trust case lacks a verified failure, it needs approval, or
 * the subject's backoff or the action budget holds it back. A case whose candidates run out
 * escalates. Not thread-safe: the engine's lock guards it.
 */
final class Planner {

    private final IncidentBook book;
    private final Correlator correlator;
    private final ActionRegistry actions;
    private final ActionKnowledge knowledge;
    private final Backoff backoff;
    private final TokenBucket budget;
    private final Supplier<HealingConfig> config;

    Planner(IncidentBook book, Correlator correlator, ActionRegistry actions, ActionKnowledge knowledge,
            Backoff backoff, TokenBucket budget, Supplier<HealingConfig> config) {
        this.book = book;
        this.correlator = correlator;
        this.actions = actions;
        this.knowledge = knowledge;
        this.backoff = backoff;
        this.budget = budget;
        this.config = config;
    }

    /** The actions due now: cases past their correlation window, backoff and budget permitting. */
    List<Ticket> plan(long now, boolean dryRun) {
        List<Ticket> out = new ArrayList<>();
        for (Case c : book.openCases()) {
            if (!plannable(c) || c.executing || c.planDue > now) {
                continue;
            }
            Ticket t = next(c, now, dryRun);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Open cases, and damped FLAPPING cases: damping holds back what a flapping subject's own
     * signals would trigger, while the FLAPPING case's policy is what answers the flapping (taking
     * the flapping interface out of the mesh, say).
     */
    private static boolean plannable(Case c) {
        return c.state == IncidentState.OPEN || isDampedFlapping(c);
    }

    static boolean isDampedFlapping(Case c) {
        return c.state == IncidentState.DAMPED && c.kind.equals(IncidentKinds.FLAPPING);
    }

    private Ticket next(Case c, long now, boolean dryRun) {
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
            Refusal notRun = h.disruptive() ? disruptionRefused(c) : null;
            if (notRun != null) {
                book.recordNotRun(c, name, c.nextCandidate + 1, now, notRun.outcome(), notRun.why());
                c.nextCandidate++;
                continue;
            }
            if ((h.approval() || config.get().approvalActions().contains(name)) && !c.approved.contains(name) && !dryRun) {
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
        if (isDampedFlapping(c)) {
            // its damping, not an escalation, ends it: released once the penalty decays below reuse
            c.planDue = Long.MAX_VALUE;
            c.analysis("plan done; the case resolves when the damping of " + c.subject + " is released");
            return null;
        }
        escalate(c, "no candidate action left");
        return null;
    }

    /** Why a disruptive action must not run for the case now, or null when it may. */
    private Refusal disruptionRefused(Case c) {
        Case partition = correlator.partition();
        if (partition != null && c != partition) {
            return new Refusal("SUPPRESSED", "disruptive action suppressed: partition suspected (" + partition.id + ")");
        }
        if (partition != null) {
            return new Refusal("SUPPRESSED", "disruptive action suppressed during a suspected partition");
        }
        if (PeerTrust.isPeerTrust(c.kind) && !PeerTrust.failureVerified(c)) {
            // the report may name a good node on a neighbour's word: act on what re-attest proved only
            return new Refusal("SKIPPED", "not run: no verified failure of " + c.subject + " (a disruptive action on "
                    + c.kind + " needs this incident's " + Reattest.NAME + " to have failed at its signed endpoint)");
        }
        return null;
    }

    /** The outcome recorded for an action that is not run, and why. */
    private record Refusal(String outcome, String why) {
    }

    /** The policy's actions, remedial ones ranked by past verified success for the kind, then registered ones. */
    List<String> rank(String kind) {
        List<String> names = new ArrayList<>(config.get().policy(kind));
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
        remedial.sort(Comparator.comparingDouble((String n) -> -knowledge.successRate(n, kind)));
        if (PeerTrust.isPeerTrust(kind)) {
            // what proves a failure (re-attest) runs before what needs the proof, whatever was learned
            remedial.sort(Comparator.comparing((String n) -> actions.get(n) != null && actions.get(n).disruptive()));
        }
        remedial.addAll(informational);
        return remedial;
    }

    /** An operator's yes to the action the case waits for. */
    void approve(Case c, long now) {
        String action = c.plan.get(c.nextCandidate);
        c.approved.add(action);
        // a FLAPPING case is damped for as long as it is open
        c.state = c.kind.equals(IncidentKinds.FLAPPING) ? IncidentState.DAMPED : IncidentState.OPEN;
        c.planDue = now;
        c.analysis("approved: " + action);
    }

    private void escalate(Case c, String why) {
        if (c.state == IncidentState.ESCALATED) {
            return;
        }
        c.state = IncidentState.ESCALATED;
        c.analysis("escalated: " + why);
        book.publish(HealingTopics.INCIDENT_ESCALATED, c, Map.of(EventKeys.DETAILS, why));
    }
}
