package io.x0tta6bl4.api.topology;

/**
 * Round-trip latency in milliseconds; a link without a latency reading weighs
 * {@value #UNKNOWN_LATENCY_MS} ms so measured links are preferred.
 */
public final class LatencyWeigher implements LinkWeigher {

    public static final String NAME = "latency";
    public static final double UNKNOWN_LATENCY_MS = 100;
    /** Keeps zero-latency links from making a path free. */
    public static final double MIN_WEIGHT_MS = 0.01;
    public static final LatencyWeigher INSTANCE = new LatencyWeigher();

    private LatencyWeigher() {
    }

    @Override
    public double weight(Link link) {
        if (!link.quality().isUsable()) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(MIN_WEIGHT_MS, link.metrics().latency().orElse(UNKNOWN_LATENCY_MS));
    }

    @Override
    public String name() {
        return NAME;
    }
}
