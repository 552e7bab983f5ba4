package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;

import org.junit.jupiter.api.Test;

/** Which incident kind a health event clears. */
class HealthEventsTest {

    private static HealthEvent of(String kind, Severity severity) {
        return HealthEvent.of("batman", kind, "02:00:00:00:01:02", severity, "batman");
    }

    @Test
    void anUpClearsItsDownAnOkOrRecoveredItsKind() {
        assertEquals(HealthKinds.NODE_DOWN, HealthEvents.clearedKind(of(HealthKinds.NODE_UP, Severity.INFO)));
        assertEquals(HealthKinds.GATEWAY_UPLINK_DOWN,
                HealthEvents.clearedKind(of(HealthKinds.GATEWAY_UPLINK_UP, Severity.INFO)));
        assertEquals("DISK", HealthEvents.clearedKind(of("DISK_OK", Severity.WARNING)));
        assertEquals("DISK", HealthEvents.clearedKind(of("DISK_RECOVERED", Severity.WARNING)));
        assertTrue(HealthEvents.clears(of(HealthKinds.GATEWAY_UPLINK_UP, Severity.INFO)));
    }

    @Test
    void aDownIsNoClearing() {
        assertNull(HealthEvents.clearedKind(of(HealthKinds.GATEWAY_UPLINK_DOWN, Severity.WARNING)));
        assertFalse(HealthEvents.clears(of(HealthKinds.GATEWAY_UPLINK_DOWN, Severity.WARNING)));
    }
}
