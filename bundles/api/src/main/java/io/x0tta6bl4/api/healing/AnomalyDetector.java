package io.x0tta6bl4.api.healing;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An online detector of anomalies in link metrics, registered as a whiteboard service
 * (service property {@link #NAME}). The healing loop feeds it every metric of every updated
 * link, one call per value, from a single thread; it must answer quickly and keep its own
 * bounded state per subject and metric.
 */
@ConsumerType
public interface AnomalyDetector {

    /** Service property: the detector's name (String). */
    String NAME = "healing.detector";

    /** Metric names fed to detectors. */
    String LATENCY = "latency";
    String LOSS = "loss";
    String QUALITY = "quality";

    /**
     * @param subject   the link as {@code a->b}
     * @param metric    {@link #LATENCY} (ms, higher is worse), {@link #LOSS} (ratio, higher is
     *                  worse) or {@link #QUALITY} (score in [0, 1], lower is worse)
     * @param value     the new observation
     * @param timestamp epoch milliseconds of the observation
     * @return an anomaly when this observation is one
     */
    Optional<Anomaly> observe(String subject, String metric, double value, long timestamp);

    /** Forgets what it learnt about the subject (the link went away). */
    default void forget(String subject) {
    }
}
