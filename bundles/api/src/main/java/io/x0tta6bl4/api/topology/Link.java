package io.x0tta6bl4.api.topology;

import java.time.Instant;
import java.util.Objects;

/**
 * A directed link in a topology snapshot with its latest raw metrics and scored quality.
 *
 * @param id           from and to
 * @param metrics      the latest raw metrics reported by the provider
 * @param quality      the topology service's score and cost for those metrics
 * @param lastMeasured when the metrics were reported
 */
public record Link(LinkId id, LinkMetrics metrics, LinkQuality quality, Instant lastMeasured) {

    public Link {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(lastMeasured, "lastMeasured");
    }

    public NodeId from() {
        return id.from();
    }

    public NodeId to() {
        return id.to();
    }
}
