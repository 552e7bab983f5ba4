package io.x0tta6bl4.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class HealthEventTest {

    @Test
    void roundTripsThroughAnEvent() {
        HealthEvent sent = new HealthEvent("topology", HealthKinds.NODE_DOWN, "sim-07", Severity.WARNING,
                "topology", 1234L, 6.5, 5.0, "not seen for 6.5 s");
        Event event = sent.toEvent();
        assertEquals("x0tta6bl4/health/topology/NODE_DOWN", event.getTopic());
        assertEquals(sent, HealthEvent.from(event));
    }

    @Test
    void aPluginEventWithOnlyTheDocumentedKeysParses() {
        Event event = new Event("x0tta6bl4/health/myplugin/DISK_FULL",
                Map.of(EventKeys.SUBJECT, "/var", EventKeys.SEVERITY, "CRITICAL", EventKeys.TIMESTAMP, 99L));
        HealthEvent parsed = HealthEvent.from(event);
        assertEquals("myplugin", parsed.area());
        assertEquals("DISK_FULL", parsed.kind());
        assertEquals(Severity.CRITICAL, parsed.severity());
        assertEquals(99L, parsed.timestamp());
        assertEquals("unknown", parsed.source());
        assertNull(parsed.value());
    }

    @Test
    void malformedEventsAreRefusedNamingWhatIsWrong() {
        Event noSubject = new Event("x0tta6bl4/health/topology/NODE_DOWN", Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HealthEvent.from(noSubject))
                .getMessage().contains("subject"));
        Event badSeverity = new Event("x0tta6bl4/health/topology/NODE_DOWN",
                Map.of(EventKeys.SUBJECT, "n1", EventKeys.SEVERITY, "PANIC"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HealthEvent.from(badSeverity))
                .getMessage().contains("PANIC"));
        Event otherTopic = new Event("x0tta6bl4/topology/NODE_ADDED", Map.of(EventKeys.SUBJECT, "n1"));
        assertThrows(IllegalArgumentException.class, () -> HealthEvent.from(otherTopic));
    }

    @Test
    void areaAndKindMustBeTopicSegments() {
        assertThrows(IllegalArgumentException.class,
                () -> HealthEvent.of("topo/logy", "NODE_DOWN", "n1", Severity.INFO, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> HealthEvent.of("topology", "NODE DOWN", "n1", Severity.INFO, "t"));
    }
}
