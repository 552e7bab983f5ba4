package io.x0tta6bl4.sim.internal;

/**
 * A fault injected on a link, applied to both directions on every tick until recovered.
 *
 * @param extraLoss      loss ratio added, in [0, 1]
 * @param extraLatencyMs latency added in milliseconds, in [0, 60000]
 * @param tqCap          upper bound on batman-adv TQ in [0, 255], or null for none
 */
public record Degradation(double extraLoss, double extraLatencyMs, Integer tqCap) {

    public static final double DEFAULT_LOSS = 0.3;
    public static final double DEFAULT_LATENCY_MS = 100;
    static final double MAX_LATENCY_MS = 60_000;

    public Degradation {
        if (!(extraLoss >= 0 && extraLoss <= 1)) {
            throw new IllegalArgumentException("loss must be within 0..1, was " + extraLoss);
        }
        if (!(extraLatencyMs >= 0 && extraLatencyMs <= MAX_LATENCY_MS)) {
            throw new IllegalArgumentException("latency must be within 0..60000 ms, was " + extraLatencyMs);
        }
        if (tqCap != null && (tqCap < 0 || tqCap > 255)) {
            throw new IllegalArgumentException("tq must be within 0..255, was " + tqCap);
        }
    }

    public static Degradation defaults() {
        return new Degradation(DEFAULT_LOSS, DEFAULT_LATENCY_MS, null);
    }
}
