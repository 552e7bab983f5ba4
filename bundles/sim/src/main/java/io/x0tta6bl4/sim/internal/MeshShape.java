package io.x0tta6bl4.sim.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The layouts the simulator can generate. */
public enum MeshShape {
    /** A chain: every node but the ends has two neighbours; the worst case for diameter. */
    LINE,
    /** A closed chain: two disjoint paths between any pair. */
    RING,
    /** A near-square lattice, like nodes on the rooftops of a block. */
    GRID,
    /** A random geometric graph in the unit square, like a community mesh grown by chance. */
    RANDOM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the configuration spells it, so that a refusal line says {@code keeping shape=grid}. */
    @Override
    public String toString() {
        return label();
    }

    public static Optional<MeshShape> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }

    /** "line, ring, grid, random", for messages. */
    public static String labels() {
        return Arrays.stream(values()).map(MeshShape::label).collect(Collectors.joining(", "));
    }
}
