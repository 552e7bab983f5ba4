package io.x0tta6bl4.api.healing;

import java.time.Instant;
import java.util.Objects;

/**
 * One execution of an action for an incident, as the knowledge store keeps it.
 *
 * @param action       the action name
 * @param attempt      1 for the first action tried on the incident
 * @param started      when it started
 * @param finished     when it returned (or failed)
 * @param outcome      {@code SUCCEEDED}, {@code FAILED}, {@code SKIPPED}, {@code DRY_RUN} or
 *                     {@code SUPPRESSED}
 * @param verification {@code VERIFIED}, {@code NOT_VERIFIED}, {@code PENDING} or {@code N/A}
 * @param details      one line for operators
 */
public record ActionRecord(String action, int attempt, Instant started, Instant finished, String outcome,
                           String verification, String details) {

    public ActionRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(outcome, "outcome");
        verification = verification == null ? "N/A" : verification;
        details = details == null ? "" : details;
    }

    public ActionRecord withVerification(String newVerification, String newDetails) {
        return new ActionRecord(action, attempt, started, finished, outcome, newVerification, newDetails);
    }
}
