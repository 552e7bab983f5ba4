package io.x0tta6bl4.batman.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Attests the mesh peers that publish an mTLS control endpoint in their signed alfred facts
 * (the caller passes only facts {@link FactsJudge} found usable), through
 * the identity bundle's {@link NodeAttestor} (which records the result and posts
 * {@code PEER_ATTESTED} or {@code PEER_ATTESTATION_FAILED}). A peer is due when it is new to
 * this class, its endpoint changed, its last try failed {@link #RETRY_MS} ago, its last
 * success is {@link #REFRESH_MS} old, or its facts went stale: their timestamp has not moved
 * for the stale time while the node stays up in batman-adv, which is what a node whose kernel
 * still forwards but whose x0tta6bl4 died looks like (its alfred record lingers for ten
 * minutes). Only originators the poller currently lists as up are tried, so a silent node
 * costs no connect timeouts. Not thread-safe: one caller thread.
 */
final class PeerAttester {

    static final long RETRY_MS = 15_000;
    static final long REFRESH_MS = 300_000;

    private record Attempt(String endpoint, boolean attested, long at) {
    }

    /** A peer's facts timestamp and when this node saw it change. */
    private record Freshness(long timestamp, long changedAt) {
    }

    private final Supplier<NodeAttestor> attestor;
    private final Clock clock;
    private final Consumer<String> warn;
    private final Map<NodeId, Attempt> attempts = new HashMap<>();
    private final Map<NodeId, Freshness> freshness = new HashMap<>();

    PeerAttester(Supplier<NodeAttestor> attestor, Clock clock, Consumer<String> warn) {
        this.attestor = attestor;
        this.clock = clock;
        this.warn = warn;
    }

    /**
     * Attests every due peer among {@code facts}, one at a time (each call is bounded by the
     * identity bundle's connect and handshake timeouts). Returns how many were tried.
     */
    int round(NodeId self, Set<NodeId> up, List<NodeFacts> facts, long staleMs) {
        NodeAttestor a = attestor.get();
        if (a == null) {
            return 0;
        }
        attempts.keySet().retainAll(up);
        freshness.keySet().retainAll(up);
        int tried = 0;
        for (NodeFacts f : facts) {
            try {
                tried += attestIfDue(a, self, up, f, staleMs);
            } catch (RuntimeException e) {
                // One bad record (or a failing attestor) must not cost the other peers their round.
                warn.accept("Not attesting the node of facts from " + f.source() + ": "
                        + SignedFacts.oneLine(e.toString(), 200));
            }
        }
        return tried;
    }

    private int attestIfDue(NodeAttestor a, NodeId self, Set<NodeId> up, NodeFacts f, long staleMs) {
        NodeId node = NodeId.of(f.nodeId());
        if (node.equals(self) || !up.contains(node) || f.control().isEmpty()) {
            return 0;
        }
        String endpoint = f.control().get(0);
        Attempt last = attempts.get(node);
        long now = clock.millis();
        Freshness fresh = freshness.get(node);
        if (fresh == null || fresh.timestamp() != f.timestamp()) {
            fresh = new Freshness(f.timestamp(), now);
            freshness.put(node, fresh);
        }
        boolean stale = now - fresh.changedAt() >= staleMs;
        boolean due = last == null || !last.endpoint().equals(endpoint)
                || now - last.at() >= (last.attested() ? REFRESH_MS : RETRY_MS)
                || (stale && last.attested() && last.at() < fresh.changedAt() + staleMs);
        if (!due) {
            return 0;
        }
        Optional<InetSocketAddress> address = parse(endpoint);
        if (address.isEmpty()) {
            if (last == null || !last.endpoint().equals(endpoint)) {
                warn.accept("Facts of " + node + " name the control endpoint '" + SignedFacts.oneLine(endpoint, 80)
                        + "', which is not host:port; not attesting it");
            }
            attempts.put(node, new Attempt(endpoint, false, now));
            return 0;
        }
        AttestationResult r = a.attest(node, address.get());
        attempts.put(node, new Attempt(endpoint, r.attested(), clock.millis()));
        return 1;
    }

    /** {@code host:port} or {@code [v6-address]:port}, unresolved names refused. */
    static Optional<InetSocketAddress> parse(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            return Optional.empty();
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty();
        }
        // Literal addresses only, so that InetAddress never looks a name up on the mesh thread.
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?")) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The endpoint as published: IPv6 in brackets. */
    static String format(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
