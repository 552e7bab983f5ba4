package io.x0tta6bl4.api.topology;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Raw measurements of a link, each optional because each source measures something
 * different: batman-adv IV gives TQ, batman-adv V throughput, probes give latency and loss.
 *
 * @param latencyMs      round-trip time in milliseconds, or null
 * @param throughputMbps estimated throughput in Mbit/s, or null
 * @param loss           packet loss ratio in [0, 1], or null
 * @param tq             batman-adv IV transmit quality in [0, 255], or null
 */
public record LinkMetrics(Double latencyMs, Double throughputMbps, Double loss, Integer tq) {

    public static final LinkMetrics NONE = new LinkMetrics(null, null, null, null);

    public LinkMetrics {
        if (latencyMs != null && !(latencyMs >= 0 && Double.isFinite(latencyMs))) {
            throw new IllegalArgumentException("latency must be a finite value >= 0 ms, was " + latencyMs);
        }
        if (throughputMbps != null && !(throughputMbps >= 0 && Double.isFinite(throughputMbps))) {
            throw new IllegalArgumentException("throughput must be a finite value >= 0 Mbit/s, was " + throughputMbps);
        }
        if (loss != null && !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be within [0, 1], was " + loss);
        }
        if (tq != null && (tq < 0 || tq > 255)) {
            throw new IllegalArgumentException("TQ must be within [0, 255], was " + tq);
        }
    }

    public static LinkMetrics ofTq(int tq) {
        return new LinkMetrics(null, null, null, tq);
    }

    public OptionalDouble latency() {
        return latencyMs == null ? OptionalDouble.empty() : OptionalDouble.of(latencyMs);
    }

    public OptionalDouble throughput() {
        return throughputMbps == null ? OptionalDouble.empty() : OptionalDouble.of(throughputMbps);
    }

    public OptionalDouble lossRatio() {
        return loss == null ? OptionalDouble.empty() : OptionalDouble.of(loss);
    }

    public OptionalInt transmitQuality() {
        return tq == null ? OptionalInt.empty() : OptionalInt.of(tq);
    }

    public boolean isEmpty() {
        return latencyMs == null && throughputMbps == null && loss == null && tq == null;
    }
}
