package io.x0tta6bl4.batman.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.x0tta6bl4.support.config.ConfigValues;

/** The rules of the {@code gateway.*} keys, read under {@link ConfigValues}' refusal rule. */
public final class GatewayConfigReader {

    private static final int MAX_TARGETS = 16;

    private final Consumer<String> warn;

    public GatewayConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    public GatewayConfig read(Map<String, ?> p, GatewayConfig last) {
        GatewayConfig d = GatewayConfig.DEFAULTS;
        ConfigValues c = new ConfigValues(p, warn);
        List<UplinkTarget> targets = c.parsed(GatewayConfig.TARGETS, d.targets(), last.targets(),
                "a list of at most " + MAX_TARGETS + " icmp:<host> or tcp:<host>:<port>", GatewayConfigReader::targets);
        String iface = c.parsed(GatewayConfig.INTERFACE, d.iface(), last.iface(), "an interface name (at most 15 characters)",
                v -> Optional.of(v.toString().trim()).filter(s -> s.length() <= 15 && !s.contains("/")));
        long interval = c.whole(GatewayConfig.INTERVAL_MS, d.intervalMs(), 200, 60_000, last.intervalMs());
        long timeout = c.whole(GatewayConfig.TIMEOUT_MS, d.timeoutMs(), 100, 30_000, last.timeoutMs());
        int failures = (int) c.whole(GatewayConfig.FAILURES, d.failures(), 1, 20, last.failures());
        long hold = c.whole(GatewayConfig.HOLD_DOWN_MS, d.holdDownMs(), 0, 86_400_000, last.holdDownMs());
        return new GatewayConfig(targets, iface, interval, timeout, failures, hold);
    }

    private static Optional<List<UplinkTarget>> targets(Object raw) {
        List<UplinkTarget> out = new ArrayList<>();
        for (String item : ConfigValues.items(raw)) {
            for (String one : item.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                try {
                    out.add(UplinkTarget.parse(one));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return out.size() > MAX_TARGETS ? Optional.empty() : Optional.of(out);
    }
}
