package io.x0tta6bl4.batman.internal;

import java.util.List;

/**
 * The gateway uplink watch and {@code demote-gateway}, from the keys {@code gateway.*} of
 * {@code io.x0tta6bl4.batman}; always valid. No targets: the watch does not probe.
 *
 * @param targets    what the uplink must reach, tried in order until one answers
 * @param iface      the uplink interface probes leave through; empty: wherever routing sends them
 * @param intervalMs time between probe rounds
 * @param timeoutMs  deadline of one round
 * @param failures   failed rounds in a row that make the uplink down
 * @param holdDownMs how long the uplink must answer every round before a demoted gateway is
 *                   promoted again, so a flapping uplink does not flap the mesh's gateway choice
 */
public record GatewayConfig(List<UplinkTarget> targets, String iface, long intervalMs, long timeoutMs, int failures,
                            long holdDownMs) {

    public static final String TARGETS = "gateway.uplink.targets";
    public static final String INTERFACE = "gateway.uplink.interface";
    public static final String INTERVAL_MS = "gateway.uplink.interval.ms";
    public static final String TIMEOUT_MS = "gateway.uplink.timeout.ms";
    public static final String FAILURES = "gateway.uplink.failures";
    public static final String HOLD_DOWN_MS = "gateway.holddown.ms";

    public static final GatewayConfig DEFAULTS = new GatewayConfig(List.of(), "", 1000, 800, 2, 60_000);

    public GatewayConfig {
        targets = List.copyOf(targets);
    }
}
