package io.x0tta6bl4.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.api.topology.TopologyService;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Readiness from Declarative Services introspection: every enabled component of each installed
 * x0tta6bl4 bundle must be satisfied. Topology is always critical; identity is critical when
 * installed and, unless configured otherwise, must hold an SVID (or have no source configured).
 * Other bundles are reported but do not make the node unready.
 */
final class ReadinessChecks {

    static final String PREFIX = "io.x0tta6bl4.";
    static final Set<String> CRITICAL = Set.of("topology", "identity");
    private static final String SELF = "io.x0tta6bl4.web";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final PlatformServices services;

    ReadinessChecks(BundleContext context, ServiceComponentRuntime scr, PlatformServices services) {
        this.context = context;
        this.scr = scr;
        this.services = services;
    }

    List<Check> run(boolean identityMustBeReady) {
        List<Check> checks = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparing(b -> String.valueOf(b.getSymbolicName())));
        boolean topologySeen = false;
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(PREFIX) || name.equals(SELF) || name.equals(PREFIX + "api")) {
                continue;
            }
            String area = name.substring(PREFIX.length());
            topologySeen |= area.equals("topology");
            Check components = components(area, bundle);
            if (!components.up()) {
                checks.add(components);
            } else if (area.equals("topology")) {
                checks.add(topology(components));
            } else if (area.equals("identity") && identityMustBeReady) {
                checks.add(identity(components));
            } else {
                checks.add(components);
            }
        }
        if (!topologySeen) {
            checks.add(0, new Check("topology", false, true, "the topology bundle is not installed"));
        }
        return checks;
    }

    static boolean ready(List<Check> checks) {
        return checks.stream().allMatch(c -> c.up() || !c.critical());
    }

    private Check components(String area, Bundle bundle) {
        boolean critical = CRITICAL.contains(area);
        if (bundle.getState() != Bundle.ACTIVE) {
            return new Check(area, false, critical, "bundle " + bundle.getSymbolicName() + " is " + state(bundle));
        }
        int active = 0;
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                problems.add(description.name + " has no configuration");
            }
            for (ComponentConfigurationDTO c : configurations) {
                switch (c.state) {
                    case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> active++;
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> problems.add(description.name
                            + " lacks " + String.join(", ", Arrays.stream(c.unsatisfiedReferences)
                            .map((UnsatisfiedReferenceDTO r) -> r.name).toList()));
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION ->
                            problems.add(description.name + " lacks its configuration");
                    case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                            problems.add(description.name + " failed to activate: " + c.failure);
                    default -> problems.add(description.name + " is in state " + c.state);
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Check(area, false, critical, String.join("; ", problems));
        }
        return new Check(area, true, critical, active + " component(s) satisfied");
    }

    private Check topology(Check components) {
        TopologyService topology = services.topology;
        if (topology == null) {
            return new Check("topology", false, true, "no TopologyService registered");
        }
        var stats = topology.statistics();
        return new Check("topology", true, true, components.detail() + "; " + stats.nodesUp() + " of "
                + stats.nodes() + " nodes up, version " + topology.version());
    }

    private Check identity(Check components) {
        IdentityService identity = services.identity;
        if (identity == null) {
            return new Check("identity", false, true, "no IdentityService registered");
        }
        IdentityState state = identity.state();
        boolean up = state == IdentityState.READY || state == IdentityState.NONE;
        return new Check("identity", up, true, components.detail() + "; identity " + state + ": "
                + identity.stateReason());
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "in state " + bundle.getState();
        };
    }
}
