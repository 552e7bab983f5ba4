package io.x0tta6bl4.healing.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.ProducerTemplate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * EventAdmin into Camel: each event goes, without waiting, into the bounded queue of the
 * monitor route ({@code seda} with {@code blockWhenFull=false}). When the queue is full the
 * event is refused and counted; the tick route reports the count as a warning and an
 * {@code EVENTS_DROPPED} event. The delivery thread never blocks and never does the work.
 */
public final class EventBridge implements EventHandler {

    private final ProducerTemplate template;
    private final String uri;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    EventBridge(ProducerTemplate template, String uri) {
        this.template = template;
        this.uri = uri;
    }

    @Override
    public void handleEvent(Event event) {
        received.incrementAndGet();
        try {
            template.sendBodyAndHeader(uri, event, HealthEvents.INTAKE_NANOS, System.nanoTime());
        } catch (RuntimeException full) {
            dropped.incrementAndGet();
        }
    }

    public long received() {
        return received.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
