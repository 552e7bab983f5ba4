package io.x0tta6bl4.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class TopologyEventTest {

    @Test
    void roundTripsThroughAnEvent() {
        TopologyEvent sent = new TopologyEvent(TopologyEventType.LINK_UPDATED, "a->b", 7, 1000, "sim", "quality=0.80");
        Event event = sent.toEvent();
        assertEquals("x0tta6bl4/topology/LINK_UPDATED", event.getTopic());
        assertEquals(sent, TopologyEvent.from(event));
    }

    @Test
    void unknownTypeOrMissingSubjectIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TopologyEvent.from(new Event("x0tta6bl4/topology/NODE_EXPLODED", Map.of(EventKeys.SUBJECT, "a"))));
        assertThrows(IllegalArgumentException.class,
                () -> TopologyEvent.from(new Event("x0tta6bl4/topology/NODE_ADDED", Map.of())));
    }
}
