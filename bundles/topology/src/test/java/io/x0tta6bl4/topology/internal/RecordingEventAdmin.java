package io.x0tta6bl4.topology.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps every event posted, in order, and tells which were sent synchronously. */
final class RecordingEventAdmin implements EventAdmin {

    final List<Event> posted = new CopyOnWriteArrayList<>();
    final List<Event> sent = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        sent.add(event);
    }

    List<TopologyEvent> topology() {
        return posted.stream().filter(e -> e.getTopic().startsWith(Topics.TOPOLOGY)).map(TopologyEvent::from).toList();
    }

    List<String> topology(TopologyEventType type) {
        return topology().stream().filter(e -> e.type() == type).map(TopologyEvent::subject).toList();
    }

    List<HealthEvent> health() {
        return posted.stream().filter(e -> e.getTopic().startsWith(Topics.HEALTH)).map(HealthEvent::from).toList();
    }

    void clear() {
        posted.clear();
        sent.clear();
    }
}
