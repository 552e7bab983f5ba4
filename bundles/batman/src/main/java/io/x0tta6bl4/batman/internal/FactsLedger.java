package io.x0tta6bl4.batman.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.topology.NodeId;

/**
 * The newest accepted signed facts of each node, and the freshness and replay rules that
 * decide what is accepted. alfred keeps whatever anyone wrote, so a neighbour can put back a
 * node's old record (a replay) under its own alfred source: a record is accepted only when
 * its signed timestamp is within the maximum age of now (either way: a node whose clock runs
 * far ahead must not lock out its own later records) and newer than the newest already
 * accepted from that node. The same record read again is the accepted one, not a replay.
 * Only records whose signature check was {@link SignedFacts.Trust#usable() usable} come here.
 * Thread-safe: the attestation thread, the shell and {@code PeerEndpoints} callers share it.
 */
final class FactsLedger {

    /** Far more than a mesh's nodes; only records signed by this trust domain get in. */
    static final int MAX_NODES = 4096;

    private record Entry(NodeFacts facts, byte[] canonical) {
    }

    private final Map<NodeId, Entry> newest = new HashMap<>();

    /**
     * Accepts {@code facts} (already signature-checked) or says why not.
     *
     * @return empty when accepted (or already the accepted record), else one line why not
     */
    synchronized Optional<String> offer(NodeId node, NodeFacts facts, long now, long maxAgeMs) {
        long age = now - facts.timestamp();
        if (age > maxAgeMs) {
            return Optional.of("stale: signed " + age / 1000 + " s ago, more than the " + maxAgeMs / 1000
                    + " s facts.max.age.ms allows");
        }
        if (-age > maxAgeMs) {
            return Optional.of("timestamp " + -age / 1000 + " s in the future");
        }
        byte[] canonical = SignedFacts.canonical(facts);
        Entry last = newest.get(node);
        if (last != null) {
            if (facts.timestamp() == last.facts().timestamp() && Arrays.equals(canonical, last.canonical())) {
                return Optional.empty();
            }
            if (facts.timestamp() <= last.facts().timestamp()) {
                return Optional.of("replay: not newer than the accepted record of " + node + " signed at "
                        + last.facts().timestamp());
            }
        }
        if (last == null && newest.size() >= MAX_NODES) {
            evictOldest();
        }
        newest.put(node, new Entry(facts, canonical));
        return Optional.empty();
    }

    private void evictOldest() {
        newest.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().facts().timestamp()))
                .map(Map.Entry::getKey).ifPresent(newest::remove);
    }

    /** The node's newest accepted facts while they are within the maximum age. */
    synchronized Optional<NodeFacts> fresh(NodeId node, long now, long maxAgeMs) {
        Entry e = newest.get(node);
        return e == null || now - e.facts().timestamp() > maxAgeMs ? Optional.empty() : Optional.of(e.facts());
    }

    /**
     * Where the node's control listener is, from its newest accepted facts while they are
     * within the maximum age: the first endpoint that is a literal {@code host:port}.
     */
    Optional<InetSocketAddress> controlEndpoint(NodeId node, long now, long maxAgeMs) {
        return fresh(node, now, maxAgeMs).stream().flatMap(f -> f.control().stream()).map(PeerAttester::parse)
                .flatMap(Optional::stream).findFirst();
    }

    /** Every node's newest accepted facts within the maximum age. */
    synchronized List<NodeFacts> fresh(long now, long maxAgeMs) {
        List<NodeFacts> out = new ArrayList<>();
        newest.values().forEach(e -> {
            if (now - e.facts().timestamp() <= maxAgeMs) {
                out.add(e.facts());
            }
        });
        return out;
    }

    /**
     * The interface MACs each node signed in its newest accepted facts, by its node id. Not
     * cut at the maximum age: an attested node whose x0tta6bl4 stops publishing keeps the
     * MACs it vouched for until attestation says otherwise.
     */
    synchronized Map<String, List<String>> signedMacs() {
        Map<String, List<String>> out = new HashMap<>();
        newest.forEach((node, e) -> out.put(node.value(), e.facts().macs()));
        return out;
    }
}
