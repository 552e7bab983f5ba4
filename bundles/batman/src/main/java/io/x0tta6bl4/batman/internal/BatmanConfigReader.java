package io.x0tta6bl4.batman.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.x0tta6bl4.support.config.ConfigValues;

/** The rules of {@code io.x0tta6bl4.batman}'s keys, read under {@link ConfigValues}' refusal rule. */
public final class BatmanConfigReader {

    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");

    private final Consumer<String> warn;

    public BatmanConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    public BatmanConfig read(Map<String, ?> p, BatmanConfig last) {
        BatmanConfig d = BatmanConfig.DEFAULTS;
        ConfigValues c = new ConfigValues(p, warn);
        String mesh = c.parsed(BatmanConfig.MESH_INTERFACE, d.meshInterface(), last.meshInterface(),
                "must be an interface name (1-15 letters, digits, '_', '.', ':' or '-')", BatmanConfigReader::ifname);
        String backend = c.parsed(BatmanConfig.BACKEND, d.backend(), last.backend(), "must be netlink or batctl",
                v -> Optional.of(v.toString().trim()).filter(s -> s.equals("netlink") || s.equals("batctl")));
        String batctl = c.parsed(BatmanConfig.BATCTL, d.batctl(), last.batctl(), "must be a command name or path",
                v -> Optional.of(v.toString().trim()).filter(s -> !s.isEmpty() && !s.contains(" ")));
        long poll = c.parsed(BatmanConfig.POLL_INTERVAL_MS, d.pollIntervalMs(), last.pollIntervalMs(),
                "must be an integer number of milliseconds within 100..60000",
                v -> ConfigValues.integer(v).filter(n -> n >= 100 && n <= 60_000));
        long down = c.parsed(BatmanConfig.DOWN_AFTER_MS, d.downAfterMs(), last.downAfterMs(),
                "must be an integer number of milliseconds within 500..199000 (below batman-adv's 200 s purge)",
                v -> ConfigValues.integer(v).filter(n -> n >= 500 && n < Batadv.PURGE_TIMEOUT_MS));
        int tq = c.parsed(BatmanConfig.DEGRADED_TQ, d.degradedTq(), last.degradedTq(), "must be an integer within 0..255",
                v -> ConfigValues.integer(v).filter(n -> n >= 0 && n <= 255).map(Long::intValue));
        double mbps = c.parsed(BatmanConfig.DEGRADED_MBPS, d.degradedMbps(), last.degradedMbps(),
                "must be a number >= 0", v -> ConfigValues.decimal(v).filter(x -> x >= 0));
        List<String> hard = c.parsed(BatmanConfig.HARD_INTERFACES, d.hardInterfaces(), last.hardInterfaces(),
                "must be a comma-separated list of interface names", BatmanConfigReader::ifnames);
        String algo = c.parsed(BatmanConfig.ROUTING_ALGORITHM, d.routingAlgorithm(), last.routingAlgorithm(),
                "must be BATMAN_IV, BATMAN_V or empty",
                v -> Optional.of(v.toString().trim()).filter(s -> s.isEmpty() || s.equals(Batadv.ALGO_IV)
                        || s.equals(Batadv.ALGO_V)));
        String alfred = c.parsed(BatmanConfig.ALFRED_SOCKET, d.alfredSocket(), last.alfredSocket(),
                "must be an absolute path", v -> Optional.of(v.toString().trim()).filter(s -> s.startsWith("/")));
        int type = c.parsed(BatmanConfig.FACTS_TYPE, d.factsType(), last.factsType(),
                "must be an alfred data type within 64..255 (0..63 are reserved)",
                v -> ConfigValues.integer(v).filter(n -> n >= 64 && n <= 255).map(Long::intValue));
        long facts = c.parsed(BatmanConfig.FACTS_INTERVAL_MS, d.factsIntervalMs(), last.factsIntervalMs(),
                "must be 0 (off) or an integer number of milliseconds within 1000..3600000",
                v -> ConfigValues.integer(v).filter(n -> n == 0 || (n >= 1000 && n <= 3_600_000)));
        long vis = c.parsed(BatmanConfig.VIS_INTERVAL_MS, d.visIntervalMs(), last.visIntervalMs(),
                "must be 0 (off) or an integer number of milliseconds within 1000..3600000",
                v -> ConfigValues.integer(v).filter(n -> n == 0 || (n >= 1000 && n <= 3_600_000)));
        long attest = c.parsed(BatmanConfig.ATTEST_INTERVAL_MS, d.attestIntervalMs(), last.attestIntervalMs(),
                "must be 0 (off) or an integer number of milliseconds within 1000..3600000",
                v -> ConfigValues.integer(v).filter(n -> n == 0 || (n >= 1000 && n <= 3_600_000)));
        long maxAge = c.parsed(BatmanConfig.FACTS_MAX_AGE_MS, d.factsMaxAgeMs(), last.factsMaxAgeMs(),
                "must be 0 (six facts intervals, at least 60 s) or an integer number of milliseconds within 5000..86400000",
                v -> ConfigValues.integer(v).filter(n -> n == 0 || (n >= 5000 && n <= 86_400_000)));
        return new BatmanConfig(mesh, backend, batctl, poll, down, tq, mbps, hard, algo, alfred, type, facts, vis,
                attest, maxAge);
    }

    private static Optional<String> ifname(Object raw) {
        String s = raw.toString().trim();
        return IFNAME.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    private static Optional<List<String>> ifnames(Object raw) {
        List<String> names = ConfigValues.items(raw);
        return names.stream().allMatch(n -> IFNAME.matcher(n).matches()) ? Optional.of(names) : Optional.empty();
    }
}
