package io.x0tta6bl4.sim.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Faults injected into a mesh: failed nodes and degraded links. Not thread-safe; the
 * {@link Simulation} that owns it guards it.
 */
final class FaultState {

    private final SortedSet<Integer> failedNodes = new TreeSet<>();
    /** Keyed by {@link SimEdge#key()}; insertion order is the order the operator degraded them. */
    private final Map<Long, Degradation> degradedLinks = new LinkedHashMap<>();

    /** @return false if the node had already failed */
    boolean fail(int node) {
        return failedNodes.add(node);
    }

    boolean isFailed(int node) {
        return failedNodes.contains(node);
    }

    /** @return false if the node had not failed */
    boolean recoverNode(int node) {
        return failedNodes.remove(node);
    }

    void degrade(SimEdge edge, Degradation fault) {
        degradedLinks.put(edge.key(), fault);
    }

    Optional<Degradation> degradation(SimEdge edge) {
        return Optional.ofNullable(degradedLinks.get(edge.key()));
    }

    /** @return false if the link was not degraded */
    boolean recoverLink(SimEdge edge) {
        return degradedLinks.remove(edge.key()) != null;
    }

    SortedSet<Integer> failedNodes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(failedNodes));
    }

    Map<Long, Degradation> degradedLinks() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(degradedLinks));
    }

    void clear() {
        failedNodes.clear();
        degradedLinks.clear();
    }
}
