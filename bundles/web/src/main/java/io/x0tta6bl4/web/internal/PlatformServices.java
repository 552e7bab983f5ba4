package io.x0tta6bl4.web.internal;

import java.util.Optional;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.TopologyService;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The platform services the endpoints read, each optional and dynamic: the web bundle serves
 * whatever is installed, and answers 503 for what is not (even for topology, so that
 * {@code /ready} can say it is missing instead of disappearing with it).
 */
@Component(service = PlatformServices.class)
public class PlatformServices {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TopologyService topology;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeshGuard guard;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile IdentityService identity;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HealingService healing;

    /** The identity bundle's record of which neighbours attested, shown on a node. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PeerAttestations attestations;

    Optional<TopologyService> topology() {
        return Optional.ofNullable(topology);
    }

    Optional<MeshGuard> guard() {
        return Optional.ofNullable(guard);
    }

    Optional<IdentityService> identity() {
        return Optional.ofNullable(identity);
    }

    Optional<PeerAttestations> attestations() {
        return Optional.ofNullable(attestations);
    }

    Optional<HealingService> healing() {
        return Optional.ofNullable(healing);
    }

    TopologyService requireTopology() {
        return topology().orElseThrow(() -> ApiException.unavailable("topology"));
    }

    MeshGuard requireGuard() {
        return guard().orElseThrow(() -> ApiException.unavailable("ebpf (MeshGuard)"));
    }

    HealingService requireHealing() {
        return healing().orElseThrow(() -> ApiException.unavailable("healing"));
    }
}
