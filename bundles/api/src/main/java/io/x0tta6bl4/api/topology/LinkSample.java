package io.x0tta6bl4.api.topology;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a link's quality history: what was measured and how it was judged.
 *
 * @param at      when it was measured
 * @param metrics the raw metrics
 * @param quality the score and cost given to them (the cost without any penalty)
 */
public record LinkSample(Instant at, LinkMetrics metrics, LinkQuality quality) {

    public LinkSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(quality, "quality");
    }
}
