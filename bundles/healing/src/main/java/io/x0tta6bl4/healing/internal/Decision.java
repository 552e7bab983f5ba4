package io.x0tta6bl4.healing.internal;

/**
 * What the analysis made of one health event.
 *
 * @param incidentId the incident it opened or joined, or null
 */
record Decision(Verdict verdict, String incidentId) {

    static final Decision IGNORED = new Decision(Verdict.IGNORED, null);

    static Decision of(Verdict verdict, Case c) {
        return new Decision(verdict, c.id);
    }

    enum Verdict {
        /** A new incident was opened. */
        OPENED,
        /** It joined the open incident about the same subject. */
        JOINED,
        /** It was explained by an open incident about its root cause, or a suspected partition. */
        CORRELATED,
        /** It made a suspected partition. */
        PARTITION,
        /** Its subject flaps; damped. */
        DAMPED,
        /** It cleared an incident. */
        CLEARED,
        /** Nothing to do. */
        IGNORED
    }
}
