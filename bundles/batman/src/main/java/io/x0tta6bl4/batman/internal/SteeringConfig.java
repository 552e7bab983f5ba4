package io.x0tta6bl4.batman.internal;

/**
 * How {@code steer-link} changes batman-adv, from the keys {@code steer.*} of
 * {@code io.x0tta6bl4.batman}; always valid.
 *
 * @param hopPenalty         the hop penalty given to the link's hard interface (B.A.T.M.A.N. IV): an OGM
 *                           received through it keeps (255 - penalty) / 255 of its TQ, so a lossy link loses
 *                           against a longer clean path, yet stays usable where it is the only one
 * @param throughputOverride the throughput the link's hard interface is assumed to have under
 *                           B.A.T.M.A.N. V, in 100 kbit/s
 * @param holdMs             how long the change stays before the value found is put back
 * @param verifyMs           how long the originator table may take to show the traffic moved; below
 *                           healing's {@code action.timeout.ms}, which cuts a longer call off
 */
public record SteeringConfig(int hopPenalty, long throughputOverride, long holdMs, long verifyMs) {

    public static final String HOP_PENALTY = "steer.hop.penalty";
    public static final String THROUGHPUT_MBPS = "steer.throughput.mbps";
    public static final String HOLD_MS = "steer.hold.ms";
    public static final String VERIFY_MS = "steer.verify.ms";

    public static final SteeringConfig DEFAULTS = new SteeringConfig(128, 10, 600_000, 8_000);
}
