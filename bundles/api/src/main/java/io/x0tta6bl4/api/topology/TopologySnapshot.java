package io.x0tta6bl4.api.topology;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable view of the mesh at one version. Every change the topology service accepts
 * yields a new snapshot with a higher version; readers never see a half-applied change.
 *
 * @param version increases with every published change
 * @param time    when this version was published
 * @param nodes   every known node, UP or DOWN, sorted by id
 * @param links   every link between UP nodes, sorted by id
 */
public record TopologySnapshot(long version, Instant time, SortedMap<NodeId, Node> nodes,
                               SortedMap<LinkId, Link> links) {

    public static final TopologySnapshot EMPTY =
            new TopologySnapshot(0, Instant.EPOCH, new TreeMap<>(), new TreeMap<>());

    public TopologySnapshot {
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
    }

    public Optional<Node> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Optional<Link> link(LinkId id) {
        return Optional.ofNullable(links.get(id));
    }

    /** Links leaving {@code id}. */
    public List<Link> linksFrom(NodeId id) {
        return links.values().stream().filter(l -> l.from().equals(id)).toList();
    }

    /** Links leaving or entering {@code id}. */
    public List<Link> linksOf(NodeId id) {
        return links.values().stream().filter(l -> l.from().equals(id) || l.to().equals(id)).toList();
    }

    public long upNodeCount() {
        return nodes.values().stream().filter(Node::isUp).count();
    }
}
