package io.x0tta6bl4.healing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentState;

/**
 * The incident book: every case the engine works on, the open ones by kind and subject, and
 * the changes the knowledge store has not written yet. Opening, resolving and merging a case
 * happen here, each publishing its {@link HealingTopics} event, so the correlator, planner and
 * verifier change cases only through one place. Not thread-safe: the engine's lock guards it.
 */
final class IncidentBook {

    static final int MAX_INCIDENTS = 5000;

    private final Clock clock;
    private final Publisher publisher;
    private final BiConsumer<Case, ActionRecord> verified;
    private final Map<String, Case> cases = new LinkedHashMap<>();
    private final Map<String, Case> openBySubject = new HashMap<>();
    private final List<String> removed = new ArrayList<>();
    private long nextId = 1;

    /**
     * @param verified told of each action whose verification a resolution completed, for the
     *                 knowledge and the backoff
     */
    IncidentBook(Clock clock, Publisher publisher, BiConsumer<Case, ActionRecord> verified) {
        this.clock = clock;
        this.publisher = publisher;
        this.verified = verified;
    }

    /** Takes a case kept in the store back into the book. */
    void restore(Case c) {
        cases.put(c.id, c);
        nextId = Math.max(nextId, number(c.id) + 1);
        if (c.isOpen()) {
            openBySubject.put(key(c.kind, c.subject), c);
        }
    }

    Case get(String id) {
        return cases.get(id);
    }

    /** The open case about the subject, of that kind, or null. */
    Case open(String kind, String subject) {
        return openBySubject.get(key(kind, subject));
    }

    boolean hasOpen(String kind, String subject) {
        return openBySubject.containsKey(key(kind, subject));
    }

    /** The open cases, oldest first. */
    List<Case> openCases() {
        List<Case> out = new ArrayList<>(openBySubject.values());
        out.sort(Comparator.comparing(c -> c.id));
        return out;
    }

    Collection<Case> all() {
        return cases.values();
    }

    /** Opens a case from the event that revealed it; its plan is due after the correlation window. */
    Case open(String kind, String subject, HealthEvent e, long now, String analysis, long planDue) {
        Case c = new Case(String.format("inc-%06d", nextId++), kind, subject, e.severity().name(), now, analysis);
        c.event(e);
        c.planDue = planDue;
        cases.put(c.id, c);
        openBySubject.put(key(kind, subject), c);
        prune();
        publish(HealingTopics.INCIDENT_OPENED, c, Map.of());
        return c;
    }

    /** Resolves the case; actions still waiting for verification count as verified by it. */
    void resolve(Case c, long now, String why) {
        c.state = IncidentState.RESOLVED;
        c.resolved = now;
        c.analysis("resolved: " + why);
        openBySubject.remove(key(c.kind, c.subject));
        for (int i = 0; i < c.actions.size(); i++) {
            ActionRecord a = c.actions.get(i);
            if (a.verification().equals("PENDING")) {
                c.actions.set(i, a.withVerification("VERIFIED", a.details() + "; " + why));
                verified.accept(c, c.actions.get(i));
            }
        }
        publish(HealingTopics.INCIDENT_RESOLVED, c, Map.of(HealingTopics.TTR_MS, now - c.detected));
    }

    /** Folds one case into another that explains it (a root cause, a partition). */
    void merge(Case from, Case into, long now) {
        from.state = IncidentState.MERGED;
        from.mergedInto = into.id;
        from.resolved = now;
        from.analysis("correlated into " + into.id + " (" + into.kind + " " + into.subject + ")");
        openBySubject.remove(key(from.kind, from.subject));
        into.affected.addAll(from.affected);
        into.eventCount += from.eventCount;
        into.dirty = true;
    }

    void record(Case c, ActionRecord a) {
        c.actions.add(a);
        c.dirty = true;
    }

    /** Records an action that ran for no time: skipped, suppressed, dropped. */
    void recordNotRun(Case c, String action, int attempt, long now, String outcome, String why) {
        record(c, new ActionRecord(action, attempt, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), outcome, "N/A",
                why));
    }

    /** Records that the action an incident waits for (approval) will not run, and why. */
    void dropPlanned(Case c, long now, String why) {
        if (c.state == IncidentState.AWAITING_APPROVAL && c.plan != null && c.nextCandidate < c.plan.size()) {
            recordNotRun(c, c.plan.get(c.nextCandidate), c.nextCandidate + 1, now, "SKIPPED",
                    "dropped while awaiting approval: " + why);
        }
    }

    void publish(String topic, Case c, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(extra);
        p.put(HealingTopics.INCIDENT, c.id);
        p.put(EventKeys.KIND, c.kind);
        p.put(EventKeys.SUBJECT, c.subject);
        p.put(EventKeys.TIMESTAMP, clock.millis());
        p.put(EventKeys.SEVERITY, c.severity);
        c.dirty = true;
        publisher.publish(topic, p);
    }

    /** The cases changed since the last call, as incidents, and marks them written. */
    List<Incident> takeChanged() {
        List<Incident> changed = new ArrayList<>();
        for (Case c : cases.values()) {
            if (c.dirty) {
                changed.add(c.toIncident());
                c.dirty = false;
            }
        }
        return changed;
    }

    /** The ids pruned from the book since the last call. */
    List<String> takeRemoved() {
        List<String> gone = new ArrayList<>(removed);
        removed.clear();
        return gone;
    }

    /** Newest first. */
    List<Incident> incidents(boolean openOnly) {
        List<Incident> out = new ArrayList<>();
        for (Case c : cases.values()) {
            if (!openOnly || c.isOpen()) {
                out.add(c.toIncident());
            }
        }
        out.sort(Comparator.comparing(Incident::id).reversed());
        return out;
    }

    Optional<Incident> incident(String id) {
        Case c = cases.get(id);
        return c == null ? Optional.empty() : Optional.of(c.toIncident());
    }

    /** Counts for the statistics. */
    Tally tally() {
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
        return new Tally(cases.size(), open, resolved, resolved == 0 ? null : Duration.ofMillis(ttr / resolved));
    }

    record Tally(int total, int open, int resolved, Duration meanTimeToResolve) {
    }

    private void prune() {
        if (cases.size() <= MAX_INCIDENTS) {
            return;
        }
        Iterator<Map.Entry<String, Case>> it = cases.entrySet().iterator();
        while (cases.size() > MAX_INCIDENTS && it.hasNext()) {
            Case c = it.next().getValue();
            if (!c.isOpen()) {
                removed.add(c.id);
                it.remove();
            }
        }
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
}
