package io.x0tta6bl4.api.healing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One incident: a root cause with everything that was observed, decided and done about it.
 *
 * @param id         unique, e.g. {@code inc-000042}
 * @param kind       {@code NODE_DOWN}, {@code LINK_DEGRADED}, {@link IncidentKinds#PARTITION}, ...
 * @param subject    the root cause: node id, link {@code a->b}, bundle, ...
 * @param state      where it stands
 * @param severity   the worst severity seen, {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param detected   when its first event arrived
 * @param acted      when the first action ran, or null
 * @param resolved   when it resolved, or null
 * @param affected   every subject correlated into it, the root included
 * @param eventCount how many events were correlated into it
 * @param events     the first events, one line each (bounded)
 * @param analysis   why it was opened and what it was correlated with
 * @param plan       the ranked candidate actions
 * @param actions    what was done, in order
 * @param mergedInto the incident it was folded into, or null
 */
public record Incident(String id, String kind, String subject, IncidentState state, String severity,
                       Instant detected, Instant acted, Instant resolved, Set<String> affected, int eventCount,
                       List<String> events, String analysis, List<String> plan, List<ActionRecord> actions,
                       String mergedInto) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detected, "detected");
        affected = affected == null ? Set.of() : Set.copyOf(affected);
        events = events == null ? List.of() : List.copyOf(events);
        plan = plan == null ? List.of() : List.copyOf(plan);
        actions = actions == null ? List.of() : List.copyOf(actions);
        analysis = analysis == null ? "" : analysis;
        severity = severity == null ? "WARNING" : severity;
    }

    public boolean isOpen() {
        return state.isOpen();
    }

    /** Time to recover, when resolved. */
    public Optional<Duration> timeToRecover() {
        return resolved == null ? Optional.empty() : Optional.of(Duration.between(detected, resolved));
    }
}
