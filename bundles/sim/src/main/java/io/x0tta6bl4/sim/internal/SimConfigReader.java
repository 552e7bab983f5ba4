package io.x0tta6bl4.sim.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.x0tta6bl4.support.config.ConfigValues;

/** The rules of {@code io.x0tta6bl4.sim}'s keys, read under {@link ConfigValues}' refusal rule. */
public final class SimConfigReader {

    private final Consumer<String> warn;

    /** @param warn receives one line per refused value */
    public SimConfigReader(Consumer<String> warn) {
        this.warn = warn;
    }

    public SimConfig read(Map<String, ?> properties, SimConfig lastGood) {
        SimConfig d = SimConfig.DEFAULTS;
        ConfigValues c = new ConfigValues(properties, warn);
        MeshShape shape = c.parsed(SimConfig.SHAPE, d.shape(), lastGood.shape(),
                "must be one of " + MeshShape.labels(), SimConfigReader::shape);
        int size = c.parsed(SimConfig.SIZE, d.size(), lastGood.size(),
                "must be an integer within " + SimConfig.MIN_SIZE + ".." + SimConfig.MAX_SIZE,
                v -> ConfigValues.integer(v).filter(n -> n >= SimConfig.MIN_SIZE && n <= SimConfig.MAX_SIZE).map(Long::intValue));
        long seed = c.parsed(SimConfig.SEED, d.seed(), lastGood.seed(),
                "must be a 64-bit integer", ConfigValues::integer);
        long interval = c.parsed(SimConfig.INTERVAL_MS, d.intervalMs(), lastGood.intervalMs(),
                "must be an integer number of milliseconds within "
                        + SimConfig.MIN_INTERVAL_MS + ".." + SimConfig.MAX_INTERVAL_MS,
                v -> ConfigValues.integer(v).filter(n -> n >= SimConfig.MIN_INTERVAL_MS && n <= SimConfig.MAX_INTERVAL_MS));
        double jitter = c.parsed(SimConfig.JITTER, d.jitter(), lastGood.jitter(),
                "must be a number within 0..0.5",
                v -> ConfigValues.decimal(v).filter(x -> x >= 0 && x <= SimConfig.MAX_JITTER));
        double churn = c.parsed(SimConfig.CHURN, d.churn(), lastGood.churn(),
                "must be a number within 0..1",
                v -> ConfigValues.decimal(v).filter(x -> x >= 0 && x <= 1));
        SimConfig.Location center = c.parsed(SimConfig.LOCATION_CENTER, d.center(), lastGood.center(),
                "must be 'latitude,longitude' in degrees (e.g. 53.08,8.80), or empty for no locations",
                SimConfigReader::location);
        return new SimConfig(shape, size, seed, interval, jitter, churn, center);
    }

    /** 'lat,lon'; a blank value never gets here (ConfigValues gives the default, no locations). */
    private static Optional<SimConfig.Location> location(Object raw) {
        if (!(raw instanceof String s)) {
            return Optional.empty();
        }
        String[] parts = s.split(",", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            double lat = Double.parseDouble(parts[0].trim());
            double lon = Double.parseDouble(parts[1].trim());
            return Math.abs(lat) <= 85 && Math.abs(lon) <= 180 ? Optional.of(new SimConfig.Location(lat, lon)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<MeshShape> shape(Object raw) {
        return raw instanceof String s ? MeshShape.parse(s) : Optional.empty();
    }
}
