package io.x0tta6bl4.api.healing;

import java.util.Objects;

/**
 * An observation a detector found anomalous.
 *
 * @param detector the detector's name
 * @param subject  the link as {@code a->b}
 * @param metric   the metric name, see {@link AnomalyDetector}
 * @param value    the observed value
 * @param baseline what the detector expected
 * @param score    how anomalous, e.g. a robust z-score (its sign says the direction)
 */
public record Anomaly(String detector, String subject, String metric, double value, double baseline, double score) {

    public Anomaly {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(metric, "metric");
    }
}
