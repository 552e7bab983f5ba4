package io.x0tta6bl4.api.healing;

/**
 * Incident kinds the healing bundle itself produces, besides the health event kinds of
 * {@link io.x0tta6bl4.api.event.HealthKinds}, which become the kind of the incident they open.
 */
public final class IncidentKinds {

    /** More than the configured share of the mesh failed at once: a suspected partition. */
    public static final String PARTITION = "PARTITION";
    /** A subject that flapped beyond the damping suppress limit. */
    public static final String FLAPPING = "FLAPPING";
    /** An anomaly detector flagged a link metric (subject {@code a->b}). */
    public static final String LINK_ANOMALY = "LINK_ANOMALY";
    /** A bundle failed to start or stopped unexpectedly (subject: its symbolic name). */
    public static final String BUNDLE_FAILED = "BUNDLE_FAILED";

    private IncidentKinds() {
    }
}
