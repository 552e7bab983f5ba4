package io.x0tta6bl4.topology.internal;

import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.TopologyEvent;

import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts events asynchronously when an EventAdmin is present, and drops them when it is
 * not: the topology works without one.
 */
final class EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();

    void bind(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    /** Only forgets the admin being unbound: with greedy rebinding its successor is already set. */
    void unbind(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    void publish(Changes changes) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null || changes.isEmpty()) {
            return;
        }
        try {
            for (TopologyEvent e : changes.topology()) {
                admin.postEvent(e.toEvent());
            }
            for (HealthEvent e : changes.health()) {
                admin.postEvent(e.toEvent());
            }
        } catch (RuntimeException e) {
            // an EventAdmin going away mid-post must not fail the provider's call
            LOG.debug("Could not post topology events", e);
        }
    }
}
