package io.x0tta6bl4.healing.internal;

import java.util.Locale;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;

/**
 * How the loop reads a {@link HealthEvent}: whether it says something is well again, which
 * kind it clears, and the line an incident keeps of it. Health events from providers and the
 * anomalies the detectors find travel through the loop as the API's type itself.
 */
final class HealthEvents {

    /** The Camel header carrying {@link System#nanoTime()} when the event entered the loop, for latency. */
    static final String INTAKE_NANOS = "x0tta6bl4.intakeNanos";

    private HealthEvents() {
    }

    /** Whether it says something is well again rather than broken. */
    static boolean clears(HealthEvent e) {
        return e.severity() == Severity.INFO || clearedKind(e) != null;
    }

    /** The kind it clears: X_DOWN for X_UP (NODE_UP, GATEWAY_UPLINK_UP), X for X_OK / X_RECOVERED, else its own kind when INFO. */
    static String clearedKind(HealthEvent e) {
        String kind = e.kind();
        String k = kind.toUpperCase(Locale.ROOT);
        if (k.endsWith("_UP")) {
            return kind.substring(0, kind.length() - 3) + "_DOWN";
        }
        if (k.endsWith("_OK")) {
            return kind.substring(0, kind.length() - 3);
        }
        if (k.endsWith("_RECOVERED")) {
            return kind.substring(0, kind.length() - 10);
        }
        return e.severity() == Severity.INFO ? kind : null;
    }

    /** Its details, or its measured value when it has no details. */
    static String details(HealthEvent e) {
        return e.details() == null ? (e.value() == null ? null : "value=" + e.value()) : e.details();
    }

    /** The line an incident keeps in its event list. */
    static String line(HealthEvent e) {
        String details = details(e);
        return e.timestamp() + " " + e.area() + "/" + e.kind() + " " + e.subject() + " " + e.severity() + " from "
                + e.source() + (details == null ? "" : " (" + details + ")");
    }

    /** An observation healing makes itself (reconciling with the topology, a partition ending). */
    static HealthEvent ofHealing(String kind, String subject, Severity severity, String source, long now,
                                 String details) {
        return new HealthEvent("healing", kind, subject, severity, source, now, null, null, details);
    }
}
