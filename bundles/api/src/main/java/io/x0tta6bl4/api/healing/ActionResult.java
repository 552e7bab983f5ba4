package io.x0tta6bl4.api.healing;

import java.util.Objects;

/**
 * What an action reports.
 *
 * @param outcome whether it did what it was asked
 * @param details one line for operators
 */
public record ActionResult(Outcome outcome, String details) {

    public enum Outcome {
        SUCCEEDED, FAILED, SKIPPED
    }

    public ActionResult {
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? "" : details;
    }

    public static ActionResult succeeded(String details) {
        return new ActionResult(Outcome.SUCCEEDED, details);
    }

    public static ActionResult failed(String details) {
        return new ActionResult(Outcome.FAILED, details);
    }

    public static ActionResult skipped(String details) {
        return new ActionResult(Outcome.SKIPPED, details);
    }
}
