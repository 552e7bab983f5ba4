package io.x0tta6bl4.batman.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the raw Config Admin properties key by key: a missing key takes its default, a bad
 * value is refused with one line naming the key, the value and the rule, and that key keeps
 * its last good value.
 */
public final class BatmanConfigReader {

    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");

    private final Consumer<String> warn;

    public BatmanConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    public BatmanConfig read(Map<String, ?> p, BatmanConfig last) {
        BatmanConfig d = BatmanConfig.DEFAULTS;
        String mesh = read(p, BatmanConfig.MESH_INTERFACE, d.meshInterface(), last.meshInterface(),
                "must be an interface name (1-15 letters, digits, '_', '.', ':' or '-')", BatmanConfigReader::ifname);
        String backend = read(p, BatmanConfig.BACKEND, d.backend(), last.backend(), "must be netlink or batctl",
                v -> Optional.of(v.toString().trim()).filter(s -> s.equals("netlink") || s.equals("batctl")));
        String batctl = read(p, BatmanConfig.BATCTL, d.batctl(), last.batctl(), "must be a command name or path",
                v -> Optional.of(v.toString().trim()).filter(s -> !s.isEmpty() && !s.contains(" ")));
        long poll = read(p, BatmanConfig.POLL_INTERVAL_MS, d.pollIntervalMs(), last.pollIntervalMs(),
                "must be an integer number of milliseconds within 100..60000",
                v -> integer(v).filter(n -> n >= 100 && n <= 60_000));
        long down = read(p, BatmanConfig.DOWN_AFTER_MS, d.downAfterMs(), last.downAfterMs(),
                "must be an integer number of milliseconds within 500..199000 (below batman-adv's 200 s purge)",
                v -> integer(v).filter(n -> n >= 500 && n < Batadv.PURGE_TIMEOUT_MS));
        int tq = read(p, BatmanConfig.DEGRADED_TQ, d.degradedTq(), last.degradedTq(), "must be an integer within 0..255",
                v -> integer(v).filter(n -> n >= 0 && n <= 255).map(Long::intValue));
        double mbps = read(p, BatmanConfig.DEGRADED_MBPS, d.degradedMbps(), last.degradedMbps(),
                "must be a number >= 0", v -> decimal(v).filter(x -> x >= 0));
        List<String> hard = read(p, BatmanConfig.HARD_INTERFACES, d.hardInterfaces(), last.hardInterfaces(),
                "must be a comma-separated list of interface names", BatmanConfigReader::ifnames);
        String algo = read(p, BatmanConfig.ROUTING_ALGORITHM, d.routingAlgorithm(), last.routingAlgorithm(),
                "must be BATMAN_IV, BATMAN_V or empty",
                v -> Optional.of(v.toString().trim()).filter(s -> s.isEmpty() || s.equals(Batadv.ALGO_IV)
                        || s.equals(Batadv.ALGO_V)));
        String alfred = read(p, BatmanConfig.ALFRED_SOCKET, d.alfredSocket(), last.alfredSocket(),
                "must be an absolute path", v -> Optional.of(v.toString().trim()).filter(s -> s.startsWith("/")));
        int type = read(p, BatmanConfig.FACTS_TYPE, d.factsType(), last.factsType(),
                "must be an alfred data type within 64..255 (0..63 are reserved)",
                v -> integer(v).filter(n -> n >= 64 && n <= 255).map(Long::intValue));
        long facts = read(p, BatmanConfig.FACTS_INTERVAL_MS, d.factsIntervalMs(), last.factsIntervalMs(),
                "must be 0 (off) or an integer number of milliseconds within 1000..3600000",
                v -> integer(v).filter(n -> n == 0 || (n >= 1000 && n <= 3_600_000)));
        long vis = read(p, BatmanConfig.VIS_INTERVAL_MS, d.visIntervalMs(), last.visIntervalMs(),
                "must be 0 (off) or an integer number of milliseconds within 1000..3600000",
                v -> integer(v).filter(n -> n == 0 || (n >= 1000 && n <= 3_600_000)));
        long attest = read(p, BatmanConfig.ATTEST_INTERVAL_MS, d.attestIntervalMs(), last.attestIntervalMs(),
                "must be 0 (off) or an integer number of milliseconds within 1000..3600000",
                v -> integer(v).filter(n -> n == 0 || (n >= 1000 && n <= 3_600_000)));
        long maxAge = read(p, BatmanConfig.FACTS_MAX_AGE_MS, d.factsMaxAgeMs(), last.factsMaxAgeMs(),
                "must be 0 (six facts intervals, at least 60 s) or an integer number of milliseconds within 5000..86400000",
                v -> integer(v).filter(n -> n == 0 || (n >= 5000 && n <= 86_400_000)));
        return new BatmanConfig(mesh, backend, batctl, poll, down, tq, mbps, hard, algo, alfred, type, facts, vis,
                attest, maxAge);
    }

    private <T> T read(Map<String, ?> properties, String key, T defaultValue, T lastGood, String rule,
                       Function<Object, Optional<T>> parser) {
        Object raw = properties == null ? null : properties.get(key);
        if (raw == null || (raw instanceof String s && s.isBlank() && !(defaultValue instanceof String)
                && !(defaultValue instanceof List))) {
            return defaultValue;
        }
        Optional<T> parsed = parser.apply(raw);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        warn.accept("Refusing " + key + "=" + raw + ": " + key + " " + rule + "; keeping " + key + "=" + lastGood);
        return lastGood;
    }

    private static Optional<String> ifname(Object raw) {
        String s = raw.toString().trim();
        return IFNAME.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    private static Optional<List<String>> ifnames(Object raw) {
        String s = raw.toString().trim();
        if (s.isEmpty()) {
            return Optional.of(List.of());
        }
        List<String> names = Arrays.stream(s.split(",")).map(String::trim).toList();
        return names.stream().allMatch(n -> IFNAME.matcher(n).matches()) ? Optional.of(names) : Optional.empty();
    }

    static Optional<Long> integer(Object raw) {
        try {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
                return Optional.of(((Number) raw).longValue());
            }
            return Optional.of(new BigDecimal(raw.toString().trim()).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Double> decimal(Object raw) {
        try {
            double v = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
