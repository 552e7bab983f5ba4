package io.x0tta6bl4.healing.internal;

import java.util.function.Supplier;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.PeerEndpoints;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;

/**
 * The services the built-in actions reach, each through a supplier that returns null while the
 * service is absent (they are optional dynamic references of the component).
 */
record ActionServices(Supplier<TopologyService> topology, Supplier<TopologyAdmin> admin, Supplier<MeshGuard> guard,
                      Supplier<IdentityService> identity, Supplier<NodeAttestor> attestor,
                      Supplier<PeerEndpoints> endpoints, Supplier<PeerAttestations> attestations) {

    /** No service at all: every action that needs one says which is missing. */
    static ActionServices none() {
        return new ActionServices(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null, () -> null);
    }
}
