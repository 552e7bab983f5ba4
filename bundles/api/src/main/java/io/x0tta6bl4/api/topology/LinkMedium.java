package io.x0tta6bl4.api.topology;

/**
 * What carries a link, as far as the provider knows. It matters for reading metrics: a
 * batman-adv V throughput of exactly {@link LinkMetrics#BATMAN_V_DEFAULT_THROUGHPUT_MBPS}
 * on a wired or tunnel link is batman-adv's placeholder for "could not tell", not a
 * measurement.
 */
public enum LinkMedium {
    UNKNOWN,
    WIRELESS,
    WIRED,
    TUNNEL;

    /** Whether batman-adv V's default throughput on this medium means "unknown". */
    public boolean hasPlaceholderThroughput() {
        return this == WIRED || this == TUNNEL;
    }
}
