package io.x0tta6bl4.api.event;

/** Property keys of x0tta6bl4 events. */
public final class EventKeys {

    /** What happened, e.g. {@code NODE_DOWN}. */
    public static final String KIND = "kind";
    /** What it happened to: a node id, a link {@code a->b}, a bundle, a SPIFFE ID, ... */
    public static final String SUBJECT = "subject";
    /** {@link Severity} name. */
    public static final String SEVERITY = "severity";
    /** Who observed it: a bundle or provider id. */
    public static final String SOURCE = "source";
    /** Epoch milliseconds, a {@code Long}. */
    public static final String TIMESTAMP = "timestamp";
    /** Optional measured value, a {@code Double}. */
    public static final String VALUE = "value";
    /** Optional threshold the value crossed, a {@code Double}. */
    public static final String THRESHOLD = "threshold";
    /** Optional human-readable detail. */
    public static final String DETAILS = "details";
    /** Health area, the {@code <area>} of the topic. */
    public static final String AREA = "area";
    /** Topology snapshot version the change appeared in, a {@code Long}. */
    public static final String VERSION = "version";

    private EventKeys() {
    }
}
