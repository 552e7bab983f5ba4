package io.x0tta6bl4.api.topology;

/** Every usable link weighs 1: fewest hops. */
public final class HopCountWeigher implements LinkWeigher {

    public static final String NAME = "hops";
    public static final HopCountWeigher INSTANCE = new HopCountWeigher();

    private HopCountWeigher() {
    }

    @Override
    public double weight(Link link) {
        return link.quality().isUsable() ? 1 : Double.POSITIVE_INFINITY;
    }

    @Override
    public String name() {
        return NAME;
    }
}
