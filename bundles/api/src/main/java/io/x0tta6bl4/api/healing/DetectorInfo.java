package io.x0tta6bl4.api.healing;

/**
 * A plugin's {@link AnomalyDetector} as the healing loop saw it: how often it missed the
 * deadline of a sample, was skipped because its earlier call had not returned, or threw.
 *
 * @param name     its {@link AnomalyDetector#NAME}, or its class name without one
 * @param timeouts samples it did not answer in time (its answers for them were dropped)
 * @param skipped  samples it was left out of while a call of it was still running
 * @param failures calls that threw
 * @param stuck    whether a call of it is running past its deadline now
 */
public record DetectorInfo(String name, long timeouts, long skipped, long failures, boolean stuck) {
}
