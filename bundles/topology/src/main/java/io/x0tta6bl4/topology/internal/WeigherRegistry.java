package io.x0tta6bl4.topology.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.x0tta6bl4.api.topology.HopCountWeigher;
import io.x0tta6bl4.api.topology.LatencyWeigher;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.QualityWeigher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The built-in weighers plus those plugins register, by name. */
final class WeigherRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(WeigherRegistry.class);
    private static final List<LinkWeigher> BUILT_IN =
            List.of(HopCountWeigher.INSTANCE, QualityWeigher.INSTANCE, LatencyWeigher.INSTANCE);

    private final Map<String, LinkWeigher> weighers = new ConcurrentHashMap<>();

    WeigherRegistry() {
        BUILT_IN.forEach(w -> weighers.put(w.name(), w));
    }

    void add(LinkWeigher weigher) {
        String name = weigher.name();
        LinkWeigher previous = weighers.putIfAbsent(name, weigher);
        if (previous != null && previous != weigher) {
            LOG.warn("Ignoring weigher {} from {}: the name is taken by {}", name, weigher.getClass().getName(),
                    previous.getClass().getName());
        }
    }

    void remove(LinkWeigher weigher) {
        weighers.remove(weigher.name(), weigher);
    }

    LinkWeigher get(String name) {
        return name == null ? null : weighers.get(name);
    }

    boolean contains(String name) {
        return get(name) != null;
    }

    Set<String> names() {
        return new TreeSet<>(weighers.keySet());
    }
}
