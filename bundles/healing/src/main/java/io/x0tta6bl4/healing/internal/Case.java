package io.x0tta6bl4.healing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentState;

/** The engine's mutable working copy of an incident; guarded by the engine's lock. */
final class Case {

    static final int MAX_EVENTS = 20;

    final String id;
    final String kind;
    final String subject;
    IncidentState state = IncidentState.OPEN;
    String severity;
    final long detected;
    long acted;
    long resolved;
    final Set<String> affected = new LinkedHashSet<>();
    int eventCount;
    final List<String> events = new ArrayList<>();
    String analysis;
    List<String> plan;
    final List<ActionRecord> actions = new ArrayList<>();
    String mergedInto;
    // working state, not persisted
    long planDue;
    int nextCandidate;
    boolean executing;
    boolean waitingForBudget;
    long verifyAt;
    long lastBad;
    final Set<String> approved = new HashSet<>();
    boolean dirty = true;

    Case(String id, String kind, String subject, String severity, long detected, String analysis) {
        this.id = id;
        this.kind = kind;
        this.subject = subject;
        this.severity = severity;
        this.detected = detected;
        this.lastBad = detected;
        this.analysis = analysis;
        affected.add(subject);
    }

    void event(HealthEvent s) {
        eventCount++;
        if (events.size() < MAX_EVENTS) {
            events.add(HealthEvents.line(s));
        }
        if (s.severity().name().equals("CRITICAL")) {
            severity = "CRITICAL";
        }
        dirty = true;
    }

    void analysis(String more) {
        analysis = analysis.isEmpty() ? more : analysis + "; " + more;
        dirty = true;
    }

    boolean isOpen() {
        return state.isOpen();
    }

    Incident toIncident() {
        return new Incident(id, kind, subject, state, severity, Instant.ofEpochMilli(detected),
                acted == 0 ? null : Instant.ofEpochMilli(acted), resolved == 0 ? null : Instant.ofEpochMilli(resolved),
                affected, eventCount, events, analysis, plan, actions, mergedInto);
    }

    static Case from(Incident i) {
        Case c = new Case(i.id(), i.kind(), i.subject(), i.severity(), i.detected().toEpochMilli(), i.analysis());
        c.state = i.state();
        c.acted = i.acted() == null ? 0 : i.acted().toEpochMilli();
        c.resolved = i.resolved() == null ? 0 : i.resolved().toEpochMilli();
        c.affected.addAll(i.affected());
        c.eventCount = i.eventCount();
        c.events.addAll(i.events());
        c.plan = i.plan().isEmpty() ? null : new ArrayList<>(i.plan());
        c.actions.addAll(i.actions());
        c.mergedInto = i.mergedInto();
        c.nextCandidate = (int) i.actions().stream().filter(a -> !a.outcome().equals("ROLLED_BACK")).count();
        c.dirty = false;
        return c;
    }
}
