package io.x0tta6bl4.healing.internal;

import java.util.Locale;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;

/**
 * A health observation inside the loop: a health event, or an anomaly found by a detector.
 *
 * @param intakeNanos {@link System#nanoTime()} when the event entered the bridge, for latency
 */
record Signal(String area, String kind, String subject, Severity severity, String source, long timestamp,
              String details, long intakeNanos) {

    static Signal of(HealthEvent e, long intakeNanos) {
        return new Signal(e.area(), e.kind(), e.subject(), e.severity(), e.source(), e.timestamp(),
                e.details() == null ? (e.value() == null ? null : "value=" + e.value()) : e.details(), intakeNanos);
    }

    /** Whether it says something is well again rather than broken. */
    boolean clears() {
        return severity == Severity.INFO || clearedKind() != null;
    }

    /** The kind this signal clears: NODE_DOWN for NODE_UP, X for X_OK / X_RECOVERED, else its own kind when INFO. */
    String clearedKind() {
        if (HealthKinds.NODE_UP.equals(kind)) {
            return HealthKinds.NODE_DOWN;
        }
        String k = kind.toUpperCase(Locale.ROOT);
        if (k.endsWith("_OK")) {
            return kind.substring(0, kind.length() - 3);
        }
        if (k.endsWith("_RECOVERED")) {
            return kind.substring(0, kind.length() - 10);
        }
        return severity == Severity.INFO ? kind : null;
    }

    String line() {
        return timestamp + " " + area + "/" + kind + " " + subject + " " + severity + " from " + source
                + (details == null ? "" : " (" + details + ")");
    }
}
