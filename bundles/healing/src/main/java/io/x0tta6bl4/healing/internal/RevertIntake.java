package io.x0tta6bl4.healing.internal;

import io.x0tta6bl4.api.event.EventKeys;
import io.x0tta6bl4.api.healing.HealingTopics;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * {@code ACTION_REVERTED} from an action's bundle into the incident's history: an action that
 * puts its change back on its own (after a hold, when the incident resolved, after a restart)
 * says so, and the incident that ran it records what was put back. Events without an incident
 * or an action are ignored; the engine bounds what one incident keeps.
 */
final class RevertIntake implements EventHandler {

    private final HealingEngine engine;

    RevertIntake(HealingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handleEvent(Event event) {
        Object incident = event.getProperty(HealingTopics.INCIDENT);
        Object action = event.getProperty(HealingTopics.ACTION);
        if (incident == null || action == null) {
            return;
        }
        Object details = event.getProperty(EventKeys.DETAILS);
        engine.reverted(incident.toString(), action.toString(), details == null ? null : details.toString());
    }
}
