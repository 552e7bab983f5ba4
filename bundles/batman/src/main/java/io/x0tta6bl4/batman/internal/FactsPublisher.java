package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.batman.internal.alfred.AlfredClient;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's facts through alfred, signed with its SVID when it has one (format 2:
 * the signature covers its control endpoints and interface MACs too, see {@link SignedFacts}).
 * Used on the poller thread only, since it lists the hard interfaces.
 */
final class FactsPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FactsPublisher.class);

    private String lastError;

    /** One publication; a missing alfred is logged once per distinct error. */
    void publish(BatmanConfig c, MeshPoller.Snapshot s, IdentityService id, BatmanBackend backend) {
        if (s == null || s.round() == null) {
            return;
        }
        NodeFacts facts = new NodeFacts(s.round().self().value(), id == null ? null : id.spiffeId().orElse(null),
                version(), "up " + (s.round().nodes().size() - 1) + ", down " + s.round().silent().size()
                + ", one-hop links " + s.round().links().size(), System.currentTimeMillis(), null,
                id == null ? List.of() : id.controlEndpoints().stream()
                        .filter(a -> a.getAddress() != null && !a.getAddress().isLoopbackAddress()
                                && !a.getAddress().isAnyLocalAddress())
                        .map(PeerAttester::format).toList(), ownMacs(s, backend));
        try {
            SvidSignature signature = id == null ? null : id.sign(SignedFacts.canonical(facts)).orElse(null);
            new AlfredClient(Path.of(c.alfredSocket())).write(c.factsType(), 1, SignedFacts.encode(facts, signature));
            if (lastError != null) {
                LOG.info("Publishing facts through alfred again");
                lastError = null;
            }
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                lastError = String.valueOf(e.getMessage());
                LOG.warn("Cannot publish facts through alfred (will retry): {}", lastError);
            }
        }
    }

    /** This node's hard interface MACs, the primary (its originator address) first. */
    private static List<String> ownMacs(MeshPoller.Snapshot s, BatmanBackend backend) {
        LinkedHashSet<String> macs = new LinkedHashSet<>();
        macs.add(s.round().self().value());
        try {
            backend.interfaces().stream().map(HardInterface::address).filter(Objects::nonNull)
                    .map(m -> m.toLowerCase(Locale.ROOT)).forEach(macs::add);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Publishing only the originator MAC: cannot list the hard interfaces: {}", e.getMessage());
        }
        return macs.stream().limit(NodeFacts.MAX_LIST).toList();
    }

    private static String version() {
        Bundle b = FrameworkUtil.getBundle(FactsPublisher.class);
        return b == null ? "unknown" : b.getVersion().toString();
    }
}
