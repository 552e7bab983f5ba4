package io.x0tta6bl4.topology.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/** Builds a provider round by hand: {@code new Mesh(clock).nodes("a", "b").tq("a", "b", 255).reportTo(...)}. */
final class Mesh {

    private final Clock clock;
    final List<NodeObservation> nodes = new ArrayList<>();
    final List<LinkObservation> links = new ArrayList<>();

    Mesh(Clock clock) {
        this.clock = clock;
    }

    Mesh nodes(String... ids) {
        for (String id : ids) {
            nodes.add(NodeObservation.seen(NodeId.of(id), clock.instant()));
        }
        return this;
    }

    Mesh link(String from, String to, LinkMetrics metrics) {
        links.add(new LinkObservation(LinkId.of(from, to), metrics, clock.instant()));
        return this;
    }

    Mesh tq(String from, String to, int tq) {
        return link(from, to, LinkMetrics.ofTq(tq));
    }

    /** Both directions with the same TQ. */
    Mesh both(String a, String b, int tq) {
        return tq(a, b, tq).tq(b, a, tq);
    }

    Mesh latency(String from, String to, double ms) {
        return link(from, to, new LinkMetrics(ms, null, null, null));
    }

    void reportTo(TopologyManager topology, String provider) {
        topology.report(provider, nodes, links);
    }

    static NodeId id(String value) {
        return NodeId.of(value);
    }

    static Instant t0() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }
}
