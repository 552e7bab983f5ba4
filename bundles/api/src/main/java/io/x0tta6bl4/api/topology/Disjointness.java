package io.x0tta6bl4.api.topology;

/** What two paths of a {@link PathPair} may not share. */
public enum Disjointness {
    /** No link, in either direction: one radio link failing leaves the other path up. */
    LINK,
    /** No node but the ends (and so no link): one relay failing leaves the other path up. */
    NODE
}
