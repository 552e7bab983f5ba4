package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkPenalty;

/**
 * The link penalties in force (remediation's way to steer path queries around a link), one per
 * link by its undirected key, so a penalty applies to both directions, and a count of their
 * changes so the owner knows when to save them. Not thread-safe: the model's lock guards it.
 */
final class PenaltyTable {

    private final Map<LinkId, LinkPenalty> byLink = new TreeMap<>();
    private long changes;

    /** The key a link's penalty is kept under: the direction from the smaller node id. */
    static LinkId key(LinkId link) {
        return Criticality.undirected(link.from(), link.to());
    }

    /** Sets the link's penalty, replacing an earlier one; returns its key. */
    LinkId set(LinkId link, double factor, Instant until, String reason) {
        LinkId key = key(link);
        byLink.put(key, new LinkPenalty(key, factor, until, reason));
        changes++;
        return key;
    }

    /**
     * Puts back penalties saved before a restart, those still in force; a link penalized since
     * (by a newer call) keeps its newer penalty. Returns the keys put back.
     */
    List<LinkId> restore(List<LinkPenalty> saved, Instant now) {
        List<LinkId> restored = new ArrayList<>();
        for (LinkPenalty p : saved) {
            LinkId key = key(p.link());
            if (p.until().isAfter(now) && !byLink.containsKey(key)) {
                byLink.put(key, new LinkPenalty(key, p.factor(), p.until(), p.reason()));
                changes++;
                restored.add(key);
            }
        }
        return restored;
    }

    /** Lifts the link's penalty, in either direction; its key, or null when there was none. */
    LinkId clear(LinkId link) {
        LinkId key = key(link);
        if (byLink.remove(key) == null) {
            return null;
        }
        changes++;
        return key;
    }

    /** Lifts the penalties whose time is up; returns their keys. */
    List<LinkId> lapse(Instant now) {
        List<LinkId> lapsed = new ArrayList<>();
        for (LinkPenalty p : List.copyOf(byLink.values())) {
            if (!p.until().isAfter(now)) {
                byLink.remove(p.link());
                changes++;
                lapsed.add(p.link());
            }
        }
        return lapsed;
    }

    /** The penalty on a link, in either direction, or null. */
    LinkPenalty get(LinkId link) {
        return byLink.isEmpty() ? null : byLink.get(key(link));
    }

    List<LinkPenalty> all() {
        return List.copyOf(byLink.values());
    }

    long changes() {
        return changes;
    }
}
