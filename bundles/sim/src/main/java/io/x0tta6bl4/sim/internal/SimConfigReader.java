package io.x0tta6bl4.sim.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the raw Config Admin properties, key by key. A missing key takes its default; a
 * bad value is refused with one line naming the key, the value and the rule, and that key
 * keeps its last good value. Reading the raw map rather than the metatype annotation means
 * a non-numeric string cannot fail the component's activation.
 */
public final class SimConfigReader {

    private final Consumer<String> warn;

    /** @param warn receives one line per refused value */
    public SimConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    public SimConfig read(Map<String, ?> properties, SimConfig lastGood) {
        SimConfig d = SimConfig.DEFAULTS;
        MeshShape shape = read(properties, SimConfig.SHAPE, d.shape(), lastGood.shape(),
                "must be one of " + MeshShape.labels(), SimConfigReader::shape);
        int size = read(properties, SimConfig.SIZE, d.size(), lastGood.size(),
                "must be an integer within " + SimConfig.MIN_SIZE + ".." + SimConfig.MAX_SIZE,
                v -> integer(v).filter(n -> n >= SimConfig.MIN_SIZE && n <= SimConfig.MAX_SIZE).map(Long::intValue));
        long seed = read(properties, SimConfig.SEED, d.seed(), lastGood.seed(),
                "must be a 64-bit integer", SimConfigReader::integer);
        long interval = read(properties, SimConfig.INTERVAL_MS, d.intervalMs(), lastGood.intervalMs(),
                "must be an integer number of milliseconds within "
                        + SimConfig.MIN_INTERVAL_MS + ".." + SimConfig.MAX_INTERVAL_MS,
                v -> integer(v).filter(n -> n >= SimConfig.MIN_INTERVAL_MS && n <= SimConfig.MAX_INTERVAL_MS));
        double jitter = read(properties, SimConfig.JITTER, d.jitter(), lastGood.jitter(),
                "must be a number within 0..0.5",
                v -> decimal(v).filter(x -> x >= 0 && x <= SimConfig.MAX_JITTER));
        double churn = read(properties, SimConfig.CHURN, d.churn(), lastGood.churn(),
                "must be a number within 0..1",
                v -> decimal(v).filter(x -> x >= 0 && x <= 1));
        return new SimConfig(shape, size, seed, interval, jitter, churn);
    }

    private <T> T read(Map<String, ?> properties, String key, T defaultValue, T lastGood, String rule,
                       java.util.function.Function<Object, Optional<T>> parser) {
        Object raw = properties == null ? null : properties.get(key);
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return defaultValue;
        }
        Optional<T> parsed = parser.apply(raw);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        warn.accept("Refusing " + key + "=" + raw + ": " + key + " " + rule + "; keeping " + key + "=" + format(lastGood));
        return lastGood;
    }

    private static String format(Object value) {
        return value instanceof MeshShape shape ? shape.label() : String.valueOf(value);
    }

    private static Optional<MeshShape> shape(Object raw) {
        return raw instanceof String s ? MeshShape.parse(s) : Optional.empty();
    }

    /** Accepts integral numbers and strings; refuses 2.5, "2.5", "abc" and booleans. */
    static Optional<Long> integer(Object raw) {
        try {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                return Optional.of(((Number) raw).longValue());
            }
            if (raw instanceof Number n) {
                return Optional.of(new BigDecimal(n.toString()).longValueExact());
            }
            if (raw instanceof String s) {
                return Optional.of(new BigDecimal(s.trim()).longValueExact());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // not an integer: refused below
        }
        return Optional.empty();
    }

    static Optional<Double> decimal(Object raw) {
        double value;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else if (raw instanceof String s) {
            try {
                value = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }
}
