package io.x0tta6bl4.batman.internal;

import java.util.Locale;

/**
 * This node's batman-adv gateway setting ({@code batctl gw_mode}): off, client (selects a
 * gateway) or server (announces its uplink with a bandwidth).
 *
 * @param mode          {@link #OFF}, {@link #CLIENT} or {@link #SERVER}
 * @param downUnits     announced download bandwidth in the kernel's 100 kbit/s
 * @param upUnits       announced upload bandwidth in 100 kbit/s
 */
public record GatewayMode(String mode, long downUnits, long upUnits) {

    public static final String OFF = "off";
    public static final String CLIENT = "client";
    public static final String SERVER = "server";

    public GatewayMode {
        mode = mode.toLowerCase(Locale.ROOT);
        if (!mode.equals(OFF) && !mode.equals(CLIENT) && !mode.equals(SERVER)) {
            throw new IllegalArgumentException("gateway mode '" + mode + "' is not off, client or server");
        }
        if (downUnits < 0 || downUnits > 0xffff_ffffL || upUnits < 0 || upUnits > 0xffff_ffffL) {
            throw new IllegalArgumentException("gateway bandwidth " + downUnits + "/" + upUnits + " is not a u32 pair");
        }
    }

    /** The kernel's enum batadv_gw_modes value; unknown numbers are refused. */
    static GatewayMode of(int kernelMode, long downUnits, long upUnits) {
        String name = switch (kernelMode) {
            case Batadv.GW_MODE_OFF -> OFF;
            case Batadv.GW_MODE_CLIENT -> CLIENT;
            case Batadv.GW_MODE_SERVER -> SERVER;
            default -> throw new IllegalArgumentException("unknown gateway mode " + kernelMode);
        };
        return new GatewayMode(name, downUnits, upUnits);
    }

    int kernelMode() {
        return switch (mode) {
            case OFF -> Batadv.GW_MODE_OFF;
            case CLIENT -> Batadv.GW_MODE_CLIENT;
            default -> Batadv.GW_MODE_SERVER;
        };
    }

    public boolean isServer() {
        return mode.equals(SERVER);
    }

    /** The same bandwidth with another mode. */
    GatewayMode withMode(String other) {
        return new GatewayMode(other, downUnits, upUnits);
    }

    /** As batctl prints it: {@code server (10.0/2.0 Mbit/s)}, {@code off}. */
    public String line() {
        return isServer() ? mode + " (" + downUnits / 10.0 + "/" + upUnits / 10.0 + " Mbit/s)" : mode;
    }
}
