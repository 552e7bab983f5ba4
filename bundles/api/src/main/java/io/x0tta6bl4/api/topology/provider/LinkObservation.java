package io.x0tta6bl4.api.topology.provider;

import java.time.Instant;
import java.util.Objects;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;

/**
 * A provider measured a directed link.
 *
 * @param id      from and to
 * @param metrics what was measured
 * @param at      when
 */
public record LinkObservation(LinkId id, LinkMetrics metrics, Instant at) {

    public LinkObservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(at, "at");
    }
}
