package io.x0tta6bl4.topology.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.x0tta6bl4.api.topology.provider.MeshProvider;

import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh providers bound to the component and their ids, so that a provider going away takes
 * what it reported with it and uninstalling one leaves no stale nodes. Providers are tracked by
 * service reference and the service property {@link MeshProvider#ID_PROPERTY}: taking the
 * provider object at binding would activate a provider that itself waits for the topology
 * service. A provider without the property is asked for its id only when it goes away. What a
 * provider reported is withdrawn once no binding with its id is left. Thread-safe.
 */
final class ProviderTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderTracker.class);
    /** The id of a provider bound without the service property, until it goes away. */
    private static final String UNNAMED = "";

    /** Providers (service references, or objects in tests) and their ids. */
    private final Map<Object, String> providers = new ConcurrentHashMap<>();
    private final Consumer<String> withdraw;
    /** Gets the provider object behind a reference, or null when it is no longer there. */
    private final Function<ServiceReference<MeshProvider>, MeshProvider> locate;

    ProviderTracker(Consumer<String> withdraw, Function<ServiceReference<MeshProvider>, MeshProvider> locate) {
        this.withdraw = withdraw;
        this.locate = locate;
    }

    void add(ServiceReference<MeshProvider> reference) {
        Object id = reference.getProperty(MeshProvider.ID_PROPERTY);
        providers.put(reference, id == null ? UNNAMED : id.toString());
    }

    void remove(ServiceReference<MeshProvider> reference) {
        String id = providers.remove(reference);
        if (UNNAMED.equals(id)) {
            MeshProvider provider = locate.apply(reference);
            id = provider == null ? null : provider.id();
        }
        gone(id);
    }

    /** Binding by object, for tests. */
    void add(MeshProvider provider) {
        providers.put(provider, provider.id());
    }

    void remove(MeshProvider provider) {
        gone(providers.remove(provider));
    }

    private void gone(String id) {
        if (id != null && !id.isEmpty() && !providers.containsValue(id)) {
            LOG.info("Mesh provider {} went away; withdrawing what it reported", id);
            withdraw.accept(id);
        }
    }
}
