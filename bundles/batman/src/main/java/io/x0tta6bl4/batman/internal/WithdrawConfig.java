package io.x0tta6bl4.batman.internal;

import java.util.Map;
import java.util.function.Consumer;

import io.x0tta6bl4.support.config.ConfigValues;

/**
 * {@code withdraw-interface}'s key of {@code io.x0tta6bl4.batman}; always valid.
 *
 * @param maxMs the longest an interface stays out of the mesh: it comes back when healing
 *              releases the damping of its link, and after this at the latest, also when healing
 *              is not there to say so
 */
public record WithdrawConfig(long maxMs) {

    public static final String MAX_MS = "withdraw.max.ms";

    public static final WithdrawConfig DEFAULTS = new WithdrawConfig(3_600_000);

    /** Reads the key under {@link ConfigValues}' refusal rule: a bad value keeps {@code last}'s. */
    public static WithdrawConfig read(Map<String, ?> p, WithdrawConfig last, Consumer<String> warn) {
        return new WithdrawConfig(new ConfigValues(p, warn).whole(MAX_MS, DEFAULTS.maxMs(), 1000, 86_400_000, last.maxMs()));
    }
}
