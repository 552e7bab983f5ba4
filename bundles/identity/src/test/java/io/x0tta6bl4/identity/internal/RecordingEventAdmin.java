package io.x0tta6bl4.identity.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin stand-in that keeps every event posted or sent, for the tests of this bundle. */
final class RecordingEventAdmin implements EventAdmin {

    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }
}
