package io.x0tta6bl4.api.topology;

/** The default: the link's quality cost, so good links are preferred over few hops. */
public final class QualityWeigher implements LinkWeigher {

    public static final String NAME = "quality";
    public static final QualityWeigher INSTANCE = new QualityWeigher();

    private QualityWeigher() {
    }

    @Override
    public double weight(Link link) {
        return link.quality().cost();
    }

    @Override
    public String name() {
        return NAME;
    }
}
