package io.x0tta6bl4.support.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * An EventAdmin for unit tests: keeps every event, in order, apart by how it was delivered
 * (bundles post; a sent event is a bug the tests catch), and reads them back as the API's
 * records.
 */
public final class RecordingEventAdmin implements EventAdmin {

    /** Events posted (asynchronous delivery), in order. */
    public final List<Event> posted = new CopyOnWriteArrayList<>();
    /** Events sent (synchronous delivery), in order. */
    public final List<Event> sent = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        sent.add(event);
    }

    public List<TopologyEvent> topology() {
        return posted.stream().filter(e -> e.getTopic().startsWith(Topics.TOPOLOGY)).map(TopologyEvent::from).toList();
    }

    /** The subjects of the posted topology events of one type. */
    public List<String> topology(TopologyEventType type) {
        return topology().stream().filter(e -> e.type() == type).map(TopologyEvent::subject).toList();
    }

    public List<HealthEvent> health() {
        return posted.stream().filter(e -> e.getTopic().startsWith(Topics.HEALTH)).map(HealthEvent::from).toList();
    }

    public void clear() {
        posted.clear();
        sent.clear();
    }
}
