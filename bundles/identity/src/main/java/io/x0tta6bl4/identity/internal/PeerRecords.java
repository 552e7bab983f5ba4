package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.topology.NodeId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node knows of its peers' attestation: the newest proven result per node, kept
 * across restarts in an {@link AttestationStore}, and the {@code PEER_ATTESTED} event that news
 * of a success deserves. Only proven results come here: an incoming client once its handshake
 * completed, an outgoing attempt under the node it meant to reach. Thread-safe: the listeners'
 * threads, callers of {@code attest} and the identity worker share it.
 */
final class PeerRecords {

    private static final Logger LOG = LoggerFactory.getLogger(PeerRecords.class);

    private final Supplier<AttestationStore> store;
    private final Consumer<Runnable> onWorker;
    private final Consumer<HealthEvent> post;
    private final Map<NodeId, AttestationResult> peers = new ConcurrentHashMap<>();
    /**
     * Nodes whose last attempt was reported as a failure while their record kept an earlier
     * success (an unreachable peer keeps it): their next success is posted as PEER_ATTESTED, or
     * the incident the failure opened would wait for an event that never comes.
     */
    private final Set<NodeId> doubted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean savePending = new AtomicBoolean();

    /**
     * @param store    where the results are kept (read when used, so a test can point it elsewhere)
     * @param onWorker runs the save off the caller's thread
     * @param post     posts PEER_ATTESTED
     */
    PeerRecords(Supplier<AttestationStore> store, Consumer<Runnable> onWorker, Consumer<HealthEvent> post) {
        this.store = store;
        this.onWorker = onWorker;
        this.post = post;
    }

    /** Takes back the results kept before a restart; a result already recorded wins. */
    void load() {
        store.get().load(Instant.now(), LOG::warn).forEach(peers::putIfAbsent);
    }

    /** A proven result; a success that is news is posted as PEER_ATTESTED. */
    void record(AttestationResult r) {
        AttestationResult before = peers.put(r.node(), r);
        if (savePending.compareAndSet(false, true)) {
            onWorker.accept(this::save);
        }
        // a success after a reported failure is news even when the record kept the older success
        boolean wasDoubted = r.attested() && doubted.remove(r.node());
        if (r.attested() && (before == null || !before.attested() || wasDoubted)) {
            post.accept(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_ATTESTED, r.node().value(),
                    Severity.INFO, IdentityEvents.SOURCE_NAME).withDetails(r.spiffeId()));
        }
    }

    /**
     * The outcome of this node's own attempt to attest {@code who}: recorded, except that a peer
     * that could not be reached keeps an earlier success (a down control endpoint does not turn
     * a good node into a failed one); any failure makes its next success news.
     */
    void attempted(NodeId who, Attester.Outcome o) {
        AttestationResult r = o.result();
        AttestationResult before = peers.get(who);
        boolean keepSuccess = o.kind() == Attester.Kind.UNREACHABLE && before != null && before.attested();
        if (!keepSuccess) {
            record(o.kind() == Attester.Kind.ATTESTED ? r
                    : new AttestationResult(who, null, false, r.reason(), r.at(), null));
        }
        if (o.kind() != Attester.Kind.ATTESTED) {
            doubted.add(who);
        }
    }

    Optional<AttestationResult> result(NodeId node) {
        return Optional.ofNullable(peers.get(node));
    }

    Map<NodeId, AttestationResult> all() {
        return Map.copyOf(peers);
    }

    /** Saves now if a save is still pending (at deactivation, after the worker stopped). */
    void flush() {
        if (savePending.get()) {
            save();
        }
    }

    private void save() {
        savePending.set(false);
        try {
            store.get().save(Map.copyOf(peers));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot keep the attestation results (they stay in memory): {}", e.getMessage());
        }
    }
}
