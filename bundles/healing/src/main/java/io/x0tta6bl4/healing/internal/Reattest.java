package io.x0tta6bl4.healing.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerEndpoints;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Attests the peer again at the control endpoint its own signed facts name ({@link PeerEndpoints}).
 * Never at an address from the topology: those are not signed, and dialling one a neighbour chose
 * would record a failure for a good node. When the attempt cannot be made (no attestor, no SVID of
 * our own, no PeerEndpoints, no signed endpoint, a subject that is no node id) the action is not
 * applicable: SKIPPED, with the reason. Only an attempt that was made and failed is FAILED, with
 * details starting with {@link #TRIED}; that is what {@link PeerTrust} takes as a verified failure.
 */
final class Reattest implements RemediationAction {

    static final String NAME = "re-attest";
    /** How the details of a real, failed attempt begin. */
    static final String TRIED = "attested at the signed endpoint ";

    private final ActionServices services;

    Reattest(ActionServices services) {
        this.services = services;
    }

    @Override
    public ActionResult execute(ActionRequest r) {
        NodeAttestor attestor = services.attestor().get();
        if (attestor == null) {
            return notApplicable("no NodeAttestor service");
        }
        IdentityService identity = services.identity().get();
        if (identity != null && !ownSvidValid(identity)) {
            // the peer would refuse us: that failure would be ours, not the peer's
            return notApplicable("this node has no valid SVID of its own (" + identity.stateReason() + ")");
        }
        NodeId node;
        try {
            node = NodeId.of(r.subject());
        } catch (IllegalArgumentException e) {
            return notApplicable("'" + r.subject() + "' is not a node id");
        }
        PeerEndpoints endpoints = services.endpoints().get();
        if (endpoints == null) {
            return notApplicable("no PeerEndpoints service, so no signed control endpoint of " + node);
        }
        Optional<InetSocketAddress> endpoint = endpoints.controlEndpoint(node);
        if (endpoint.isEmpty()) {
            return notApplicable("no valid, fresh signed control endpoint known for " + node);
        }
        InetSocketAddress at = endpoint.get();
        AttestationResult result = attestor.attest(node, at);
        String where = (at.getAddress() == null ? at.getHostString() : at.getAddress().getHostAddress()) + ":" + at.getPort();
        if (!result.attested()) {
            return ActionResult.failed(TRIED + where + " and it failed: " + result.reason());
        }
        if (!node.equals(result.node())) {
            return ActionResult.failed(TRIED + where + " and it proved " + result.node() + ", not " + node);
        }
        return ActionResult.succeeded("attested " + result.spiffeId() + " at " + where);
    }

    private static boolean ownSvidValid(IdentityService identity) {
        return identity.spiffeId().isPresent()
                && identity.notAfter().map(t -> t.isAfter(Instant.now())).orElse(false);
    }

    private static ActionResult notApplicable(String why) {
        return ActionResult.skipped("not applicable: " + why);
    }
}
