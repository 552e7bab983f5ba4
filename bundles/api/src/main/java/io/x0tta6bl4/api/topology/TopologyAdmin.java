package io.x0tta6bl4.api.topology;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Remediation on the topology: steering traffic away from a link without waiting for
 * its metrics to show it. A penalty multiplies the link's quality cost in both
 * directions, so every weigher that uses {@link LinkQuality#cost()} routes around it;
 * snapshots show the penalized cost. Penalties lapse by themselves.
 */
@ProviderType
public interface TopologyAdmin {

    /**
     * Penalizes both directions of the link, replacing an earlier penalty on it. The
     * link need not be known yet: the penalty applies when it appears.
     *
     * @param factor   {@code >= 1}; {@link Double#POSITIVE_INFINITY} takes the link out of routing
     * @param duration how long, positive
     * @param reason   why, shown to operators
     * @throws IllegalArgumentException if the factor is below 1 or NaN, or the duration not positive
     */
    void penalize(LinkId link, double factor, Duration duration, String reason);

    /** Lifts the penalty on the link (either direction); false if there was none. */
    boolean clearPenalty(LinkId link);

    /** The penalties in force, sorted by link. */
    List<LinkPenalty> penalties();
}
