package io.x0tta6bl4.api.topology;

import java.util.Objects;

/**
 * A route and its backup that share nothing of the given kind, chosen so their total
 * cost is the least possible (Suurballe). The primary is the cheaper of the two.
 *
 * @param primary      the cheaper path
 * @param backup       the other path
 * @param disjointness what they do not share
 */
public record PathPair(Path primary, Path backup, Disjointness disjointness) {

    public PathPair {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(disjointness, "disjointness");
    }

    public double totalCost() {
        return primary.cost() + backup.cost();
    }
}
