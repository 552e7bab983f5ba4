package io.x0tta6bl4.api.topology;

import java.util.Objects;

/**
 * A directed link between two nodes. Mesh links are asymmetric (batman-adv TQ differs per
 * direction), so {@code a->b} and {@code b->a} are two links.
 */
public record LinkId(NodeId from, NodeId to) implements Comparable<LinkId> {

    public LinkId {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a link cannot loop on node " + from);
        }
    }

    public static LinkId of(String from, String to) {
        return new LinkId(NodeId.of(from), NodeId.of(to));
    }

    /** Parses the {@code a->b} form used as the subject of link events. */
    public static LinkId parse(String text) {
        int arrow = text == null ? -1 : text.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("invalid link '" + text + "': expected <from>-><to>");
        }
        return of(text.substring(0, arrow), text.substring(arrow + 2));
    }

    public LinkId reversed() {
        return new LinkId(to, from);
    }

    @Override
    public int compareTo(LinkId other) {
        int c = from.compareTo(other.from);
        return c != 0 ? c : to.compareTo(other.to);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
