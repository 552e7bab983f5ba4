package io.x0tta6bl4.sim.internal;

/**
 * The simulator's configuration in force, always valid.
 *
 * @param shape      mesh layout
 * @param size       number of nodes
 * @param seed       seed of the generator and of the jitter
 * @param intervalMs time between two reports
 * @param jitter     relative jitter of each metric per tick
 * @param churn      fraction of links whose metrics change per tick; 1 reports every link every tick
 * @param center     where on the map the mesh lies, or null: its nodes then carry no location
 */
public record SimConfig(MeshShape shape, int size, long seed, long intervalMs, double jitter, double churn,
        Location center) {

    /** A point on the map, in degrees. */
    public record Location(double latitude, double longitude) {
    }

    public static final String SHAPE = "shape";
    public static final String SIZE = "size";
    public static final String SEED = "seed";
    public static final String INTERVAL_MS = "interval.ms";
    public static final String JITTER = "jitter";
    public static final String CHURN = "churn";
    public static final String LOCATION_CENTER = "location.center";

    public static final int MIN_SIZE = MeshGenerator.MIN_SIZE;
    public static final int MAX_SIZE = MeshGenerator.MAX_SIZE;
    public static final long MIN_INTERVAL_MS = 100;
    public static final long MAX_INTERVAL_MS = 60_000;
    public static final double MAX_JITTER = 0.5;

    public static final SimConfig DEFAULTS = new SimConfig(MeshShape.RANDOM, 30, 42, 1000, 0.1, 1.0, null);

    /** No location on the map. */
    public SimConfig(MeshShape shape, int size, long seed, long intervalMs, double jitter, double churn) {
        this(shape, size, seed, intervalMs, jitter, churn, null);
    }

    /** Every link churns every tick. */
    public SimConfig(MeshShape shape, int size, long seed, long intervalMs, double jitter) {
        this(shape, size, seed, intervalMs, jitter, 1.0);
    }

    /** Whether going from this configuration to {@code next} needs a new mesh. */
    public boolean meshDiffers(SimConfig next) {
        return shape != next.shape || size != next.size || seed != next.seed;
    }
}
