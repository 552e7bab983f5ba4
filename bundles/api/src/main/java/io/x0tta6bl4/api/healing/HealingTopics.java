package io.x0tta6bl4.api.healing;

import io.x0tta6bl4.api.event.Topics;

/**
 * Topics and property keys of the events the healing bundle posts on
 * {@code x0tta6bl4/healing/<what>}. Every event carries {@link #INCIDENT} (except
 * {@link #EVENTS_DROPPED}), {@code kind}, {@code subject} and {@code timestamp} (the keys of
 * {@link io.x0tta6bl4.api.event.EventKeys}).
 */
public final class HealingTopics {

    public static final String INCIDENT_OPENED = Topics.HEALING + "INCIDENT_OPENED";
    /** An action ran (or was skipped in dry-run); carries {@link #ACTION}, {@link #OUTCOME}, {@link #DRY_RUN}. */
    public static final String ACTION_EXECUTED = Topics.HEALING + "ACTION_EXECUTED";
    public static final String INCIDENT_RESOLVED = Topics.HEALING + "INCIDENT_RESOLVED";
    /** No candidate action fixed it, or it was suppressed; an operator has to look. */
    public static final String INCIDENT_ESCALATED = Topics.HEALING + "INCIDENT_ESCALATED";
    /**
     * An action's own change was put back after it ran: its hold ended, its incident resolved, a
     * restart found it. Posted by the action's bundle with {@link #INCIDENT}, {@link #ACTION} and
     * {@code details} (what was put back); healing adds it to that incident's history, also when
     * the incident has resolved meanwhile. @since 1.3
     */
    public static final String ACTION_REVERTED = Topics.HEALING + "ACTION_REVERTED";
    /** Health events were refused because the intake queue was full; carries {@link #DROPPED}. */
    public static final String EVENTS_DROPPED = Topics.HEALING + "EVENTS_DROPPED";

    /** The incident id, a String. */
    public static final String INCIDENT = "incident";
    /** The action name, a String. */
    public static final String ACTION = "action";
    /** {@link ActionResult.Outcome} name, or {@code DRY_RUN}. */
    public static final String OUTCOME = "outcome";
    /** Boolean. */
    public static final String DRY_RUN = "dryRun";
    /** Events dropped since the last report, a Long. */
    public static final String DROPPED = "dropped";
    /** Time to recover in milliseconds, a Long, on {@link #INCIDENT_RESOLVED}. */
    public static final String TTR_MS = "ttrMs";

    private HealingTopics() {
    }
}
