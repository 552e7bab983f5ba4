package io.x0tta6bl4.healing.internal;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * What the engine reads about the world outside its incidents: the topology, the peers'
 * attestation records and whether a link is already steered around. Each of these services may
 * be absent or going away under a call; every question then answers "not known" rather than
 * throwing, so the loop takes the event as it is.
 */
final class Conditions {

    private final Supplier<TopologyService> topology;
    private volatile Predicate<String> mitigated = subject -> false;
    private volatile Supplier<PeerAttestations> attestations = () -> null;

    Conditions(Supplier<TopologyService> topology) {
        this.topology = topology;
    }

    /**
     * Tells whether a subject is already mitigated outside the engine, e.g. a link whose cost
     * the topology penalizes.
     */
    void mitigatedBy(Predicate<String> test) {
        mitigated = test == null ? subject -> false : test;
    }

    /** Where peers' attestation records are read (identity's PeerAttestations). */
    void attestationsFrom(Supplier<PeerAttestations> source) {
        attestations = source == null ? () -> null : source;
    }

    /** The topology now, or empty when there is none. */
    Optional<TopologySnapshot> snapshot() {
        TopologyService t = topology.get();
        if (t == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(t.snapshot());
        } catch (RuntimeException e) {
            return Optional.empty(); // the topology service went away under us
        }
    }

    /** The node's state in the topology: empty when unknown, else whether it is UP. */
    Optional<Boolean> nodeUp(String node) {
        TopologyService t = topology.get();
        if (t == null) {
            return Optional.empty();
        }
        try {
            return t.node(NodeId.of(node)).map(Node::isUp);
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed id or a topology going away
        }
    }

    /** Whether the subject is a link routing already avoids. */
    boolean mitigated(String subject) {
        if (!isLink(subject)) {
            return false;
        }
        try {
            return mitigated.test(subject);
        } catch (RuntimeException e) {
            return false;
        }
    }

    PeerAttestations attestations() {
        return attestations.get();
    }

    static boolean isLink(String subject) {
        return subject.contains("->");
    }
}
