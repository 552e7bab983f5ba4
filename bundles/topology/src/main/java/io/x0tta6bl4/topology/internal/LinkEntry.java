package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;

/** The model's mutable record of a link; only touched under the model's lock. */
final class LinkEntry {

    final LinkId id;
    final Set<String> owners = new TreeSet<>();
    LinkMetrics metrics;
    LinkQuality quality;
    Instant lastMeasured;
    /**
     * The score subscribers last heard of. LINK_UPDATED compares against it rather than
     * the previous measurement, so a slow drift is still announced once it adds up.
     */
    double announcedScore = Double.NaN;

    final LinkHistory history;

    LinkEntry(LinkId id, int historySize) {
        this.id = id;
        this.history = new LinkHistory(historySize);
    }

    Link toLink() {
        return new Link(id, metrics, quality, lastMeasured);
    }
}
