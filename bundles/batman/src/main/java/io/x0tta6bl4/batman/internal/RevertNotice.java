package io.x0tta6bl4.batman.internal;

import java.util.Map;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.healing.HealingTopics;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Tells healing that an action put its own change back after it ran (a hold ended, the incident
 * resolved, a restart found it): {@code ACTION_REVERTED}, so the incident that ran the action
 * records what was put back. Rollbacks healing asks for it records itself.
 */
final class RevertNotice {

    private RevertNotice() {
    }

    /** Posts when there is an EventAdmin and an incident; what was put back is logged by the caller either way. */
    static void post(EventAdmin eventAdmin, String incident, String action, String details) {
        if (eventAdmin == null || incident == null || incident.isEmpty()) {
            return;
        }
        eventAdmin.postEvent(new Event(HealingTopics.ACTION_REVERTED, Map.of(HealingTopics.INCIDENT, incident,
                HealingTopics.ACTION, action, EventKeys.DETAILS, details,
                EventKeys.TIMESTAMP, System.currentTimeMillis())));
    }
}
