package io.x0tta6bl4.api.topology;

import java.time.Instant;
import java.util.Objects;

/**
 * A temporary extra cost on a link, set through {@link TopologyAdmin}. It applies to
 * both directions of the link.
 *
 * @param link   the link as it was named when penalized
 * @param factor multiplies the link's quality cost, {@code >= 1};
 *               {@link Double#POSITIVE_INFINITY} takes the link out of routing
 * @param until  when the penalty lapses by itself
 * @param reason why, for operators (e.g. the incident that asked for it)
 */
public record LinkPenalty(LinkId link, double factor, Instant until, String reason) {

    public LinkPenalty {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(until, "until");
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("penalty factor must be >= 1, was " + factor);
        }
        reason = reason == null ? "" : reason;
    }

    /** Whether the penalty takes the link out of routing altogether. */
    public boolean excludes() {
        return Double.isInfinite(factor);
    }
}
