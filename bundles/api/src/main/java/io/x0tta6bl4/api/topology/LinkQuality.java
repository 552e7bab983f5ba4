package io.x0tta6bl4.api.topology;

/**
 * The topology service's judgement of a link.
 *
 * @param score quality in [0, 1]: 1 is a perfect link, 0 an unusable one
 * @param cost  routing cost derived from the score: 1 for a perfect link, growing as the
 *              score falls, {@link Double#POSITIVE_INFINITY} for an unusable link
 */
public record LinkQuality(double score, double cost) {

    public LinkQuality {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("quality score must be within [0, 1], was " + score);
        }
        if (!(cost >= 1) && !Double.isInfinite(cost)) {
            throw new IllegalArgumentException("link cost must be >= 1, was " + cost);
        }
    }

    public boolean isUsable() {
        return Double.isFinite(cost);
    }
}
