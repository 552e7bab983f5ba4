package io.x0tta6bl4.healing.internal;

import org.osgi.service.event.Event;

/** An event as the bridge took it in, with the time it arrived. */
record Intake(Event event, long nanos) {
}
