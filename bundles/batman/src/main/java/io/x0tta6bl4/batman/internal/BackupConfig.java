package io.x0tta6bl4.batman.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.x0tta6bl4.support.config.ConfigValues;

/**
 * {@code backup-link}'s keys of {@code io.x0tta6bl4.batman}; always valid.
 *
 * @param iface  the standby hard interface (a tunnel, a second radio) added to the mesh while a
 *               partition lasts; empty: none, the action does nothing
 * @param holdMs the least time it stays once added, so a partition that heals and breaks again
 *               does not add and remove it in a loop
 */
public record BackupConfig(String iface, long holdMs) {

    public static final String INTERFACE = "backup.interface";
    public static final String HOLD_MS = "backup.hold.ms";

    public static final BackupConfig DEFAULTS = new BackupConfig("", 60_000);

    /** Reads the keys under {@link ConfigValues}' refusal rule: a bad value keeps {@code last}'s. */
    public static BackupConfig read(Map<String, ?> p, BackupConfig last, Consumer<String> warn) {
        ConfigValues c = new ConfigValues(p, warn);
        String iface = c.parsed(INTERFACE, DEFAULTS.iface(), last.iface(), "an interface name (at most 15 characters)",
                v -> Optional.of(v.toString().trim()).filter(s -> s.length() <= 15 && !s.contains("/")
                        && !s.contains(" ")));
        long hold = c.whole(HOLD_MS, DEFAULTS.holdMs(), 0, 86_400_000, last.holdMs());
        return new BackupConfig(iface, hold);
    }
}
