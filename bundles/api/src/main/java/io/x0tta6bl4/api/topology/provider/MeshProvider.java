package io.x0tta6bl4.api.topology.provider;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of mesh observations (the simulator, batman-adv, a plugin). A provider
 * registers itself as a service of this type and reports through
 * {@link TopologyProviderService}. When the service goes away, the topology service
 * withdraws every node and link that provider reported, so uninstalling a provider leaves
 * no stale nodes.
 */
@ConsumerType
public interface MeshProvider {

    /**
     * Service property carrying {@link #id()}. A provider that registers with it lets the
     * topology service track it without taking the service object, which avoids a
     * circular activation when the provider itself needs {@link TopologyProviderService}.
     *
     * @since 1.1
     */
    String ID_PROPERTY = "x0tta6bl4.provider";

    /** Stable id, also the {@code source} of events the provider causes, e.g. {@code sim}. */
    String id();

    /** One line for operators: what the provider observes. */
    String description();
}
