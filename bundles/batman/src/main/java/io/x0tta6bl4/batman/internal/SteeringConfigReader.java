package io.x0tta6bl4.batman.internal;

import java.util.Map;
import java.util.function.Consumer;

import io.x0tta6bl4.support.config.ConfigValues;

/** The rules of the {@code steer.*} keys, read under {@link ConfigValues}' refusal rule. */
public final class SteeringConfigReader {

    private final Consumer<String> warn;

    public SteeringConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    public SteeringConfig read(Map<String, ?> p, SteeringConfig last) {
        SteeringConfig d = SteeringConfig.DEFAULTS;
        ConfigValues c = new ConfigValues(p, warn);
        int penalty = (int) c.whole(SteeringConfig.HOP_PENALTY, d.hopPenalty(), 1, 255, last.hopPenalty());
        double mbps = c.number(SteeringConfig.THROUGHPUT_MBPS, d.throughputOverride() / 10.0,
                last.throughputOverride() / 10.0, v -> v >= 0.1 && v <= 100_000, "must be a number of Mbit/s within 0.1..100000");
        long hold = c.whole(SteeringConfig.HOLD_MS, d.holdMs(), 10_000, 86_400_000, last.holdMs());
        long verify = c.whole(SteeringConfig.VERIFY_MS, d.verifyMs(), 1_000, 60_000, last.verifyMs());
        return new SteeringConfig(penalty, Math.round(mbps * 10), hold, verify);
    }
}
