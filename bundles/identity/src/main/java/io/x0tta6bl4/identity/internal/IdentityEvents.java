package io.x0tta6bl4.identity.internal;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;

import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the identity bundle's health events. The events a hostile neighbour can cause (failed
 * or unattested peers) pass an {@link EventThrottle} per kind and subject first, and what it
 * held back is summed up in one log line per check, so a flood of bad handshakes floods
 * neither EventAdmin nor the log.
 */
final class IdentityEvents {

    /** The {@code source} of every event this bundle posts. */
    static final String SOURCE_NAME = "io.x0tta6bl4.identity";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEvents.class);

    private final Supplier<EventAdmin> eventAdmin;
    private volatile EventThrottle throttle = new EventThrottle(1, 1, 1, 1, System::currentTimeMillis);
    private long suppressedSince = System.currentTimeMillis();

    IdentityEvents(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /** A new throttle when its limits changed; the counts of the old one are dropped. */
    void configure(IdentityConfig old, IdentityConfig cfg) {
        if (old == null || old.eventsBurst() != cfg.eventsBurst() || old.eventsPerMinute() != cfg.eventsPerMinute()
                || old.eventsSubjectBurst() != cfg.eventsSubjectBurst()
                || old.eventsSubjectPerMinute() != cfg.eventsSubjectPerMinute()) {
            throttle = new EventThrottle(cfg.eventsBurst(), cfg.eventsPerMinute(), cfg.eventsSubjectBurst(),
                    cfg.eventsSubjectPerMinute(), System::currentTimeMillis);
        }
    }

    /** For events a hostile neighbour can cause: through the throttle, per kind and subject. */
    void postLimited(HealthEvent e) {
        if (throttle.allow(e.kind(), e.subject())) {
            post(e);
        }
    }

    void post(HealthEvent e) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            try {
                admin.postEvent(e.toEvent());
            } catch (RuntimeException ex) {
                LOG.debug("Cannot post {}: {}", e.topic(), ex.toString());
            }
        }
    }

    /** One line for the peer events the throttle held back since the last line; on the worker. */
    void reportSuppressed(Instant now) {
        Map<String, Long> held = throttle.drainSuppressed();
        if (!held.isEmpty()) {
            LOG.warn("Held back {} peer health events in the last {} ms ({}): many failed or unattested peers, "
                    + "a flood of bad handshakes?", held.values().stream().mapToLong(Long::longValue).sum(),
                    now.toEpochMilli() - suppressedSince, held);
        }
        suppressedSince = now.toEpochMilli();
    }
}
