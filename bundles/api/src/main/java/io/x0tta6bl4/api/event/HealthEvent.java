package io.x0tta6bl4.api.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.osgi.service.event.Event;

/**
 * A health observation, posted on {@code x0tta6bl4/health/<area>/<kind>}.
 *
 * @param area      the observing area: {@code topology}, {@code identity}, {@code ebpf}, ...
 * @param kind      what was observed, see {@link HealthKinds}
 * @param subject   what it concerns: node id, link {@code a->b}, bundle, SPIFFE ID, ...
 * @param severity  how bad it is
 * @param source    who observed it (bundle or provider id)
 * @param timestamp epoch milliseconds
 * @param value     optional measured value, or null
 * @param threshold optional threshold the value crossed, or null
 * @param details   optional human-readable detail, or null
 */
public record HealthEvent(String area, String kind, String subject, Severity severity, String source,
                          long timestamp, Double value, Double threshold, String details) {

    private static final Pattern TOPIC_TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public HealthEvent {
        requireToken(area, "area");
        requireToken(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
    }

    public static HealthEvent of(String area, String kind, String subject, Severity severity, String source) {
        return new HealthEvent(area, kind, subject, severity, source, System.currentTimeMillis(),
                null, null, null);
    }

    public HealthEvent withValue(Double newValue, Double newThreshold) {
        return new HealthEvent(area, kind, subject, severity, source, timestamp, newValue, newThreshold, details);
    }

    public HealthEvent withDetails(String newDetails) {
        return new HealthEvent(area, kind, subject, severity, source, timestamp, value, threshold, newDetails);
    }

    public String topic() {
        return Topics.health(area, kind);
    }

    public Map<String, Object> toProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(EventKeys.AREA, area);
        p.put(EventKeys.KIND, kind);
        p.put(EventKeys.SUBJECT, subject);
        p.put(EventKeys.SEVERITY, severity.name());
        p.put(EventKeys.SOURCE, source);
        p.put(EventKeys.TIMESTAMP, timestamp);
        if (value != null) {
            p.put(EventKeys.VALUE, value);
        }
        if (threshold != null) {
            p.put(EventKeys.THRESHOLD, threshold);
        }
        if (details != null) {
            p.put(EventKeys.DETAILS, details);
        }
        return p;
    }

    public Event toEvent() {
        return new Event(topic(), toProperties());
    }

    /**
     * Reads a health event from EventAdmin. The area and kind come from the topic when the
     * properties lack them, so events posted by plugins with only the documented keys parse.
     *
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static HealthEvent from(Event event) {
        String topic = event.getTopic();
        if (!topic.startsWith(Topics.HEALTH)) {
            throw new IllegalArgumentException("not a health topic: " + topic);
        }
        String[] parts = topic.substring(Topics.HEALTH.length()).split("/");
        String area = stringOr(event, EventKeys.AREA, parts.length > 0 ? parts[0] : null);
        String kind = stringOr(event, EventKeys.KIND, parts.length > 1 ? parts[1] : null);
        String subject = stringOr(event, EventKeys.SUBJECT, null);
        if (subject == null) {
            throw new IllegalArgumentException("health event on " + topic + " lacks '" + EventKeys.SUBJECT + "'");
        }
        Severity severity;
        try {
            severity = Severity.valueOf(stringOr(event, EventKeys.SEVERITY, Severity.WARNING.name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("health event on " + topic + " has severity '"
                    + event.getProperty(EventKeys.SEVERITY) + "', expected INFO, WARNING or CRITICAL");
        }
        Object ts = event.getProperty(EventKeys.TIMESTAMP);
        long timestamp = ts instanceof Number n ? n.longValue() : System.currentTimeMillis();
        return new HealthEvent(area, kind, subject, severity, stringOr(event, EventKeys.SOURCE, "unknown"),
                timestamp, number(event, EventKeys.VALUE), number(event, EventKeys.THRESHOLD),
                stringOr(event, EventKeys.DETAILS, null));
    }

    private static String stringOr(Event event, String key, String fallback) {
        Object v = event.getProperty(key);
        return v == null ? fallback : v.toString();
    }

    private static Double number(Event event, String key) {
        return event.getProperty(key) instanceof Number n ? n.doubleValue() : null;
    }

    private static void requireToken(String value, String what) {
        if (value == null || !TOPIC_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("health event " + what + " '" + value
                    + "' must be letters, digits, '_' or '-' (it is a topic segment)");
        }
    }
}
