package io.x0tta6bl4.api.healing;

/** Where an incident stands. */
public enum IncidentState {
    /** Detected; waiting for the correlation window or for an action slot. */
    OPEN,
    /** The next action needs {@code heal:approve}. */
    AWAITING_APPROVAL,
    /** An action ran; its effect is re-checked after the verify delay. */
    VERIFYING,
    /** No candidate action fixed it, or the actions were suppressed; an operator has to look. */
    ESCALATED,
    /** Its subject flaps: damped, no actions until the penalty decays below the reuse limit. */
    DAMPED,
    /** Folded into another incident about its root cause (see {@link Incident#mergedInto()}). */
    MERGED,
    RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED && this != MERGED;
    }
}
