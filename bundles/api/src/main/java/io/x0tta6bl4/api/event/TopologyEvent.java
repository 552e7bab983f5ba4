package io.x0tta6bl4.api.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.event.Event;

/**
 * A change in the topology, posted on {@code x0tta6bl4/topology/<type>}.
 *
 * @param type      what changed
 * @param subject   the node id, or the link as {@code a->b}
 * @param version   the snapshot version that contains the change
 * @param timestamp epoch milliseconds
 * @param source    the provider whose report caused it, or {@code topology}
 * @param details   optional detail, e.g. {@code state=DOWN} or {@code quality=0.82}, or null
 */
public record TopologyEvent(TopologyEventType type, String subject, long version, long timestamp,
                            String source, String details) {

    public TopologyEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(source, "source");
    }

    public String topic() {
        return Topics.topology(type);
    }

    public Event toEvent() {
        Map<String, Object> p = new HashMap<>();
        p.put(EventKeys.KIND, type.name());
        p.put(EventKeys.SUBJECT, subject);
        p.put(EventKeys.VERSION, version);
        p.put(EventKeys.TIMESTAMP, timestamp);
        p.put(EventKeys.SOURCE, source);
        if (details != null) {
            p.put(EventKeys.DETAILS, details);
        }
        return new Event(topic(), p);
    }

    /** @throws IllegalArgumentException if the event is not a well-formed topology event */
    public static TopologyEvent from(Event event) {
        String topic = event.getTopic();
        if (!topic.startsWith(Topics.TOPOLOGY)) {
            throw new IllegalArgumentException("not a topology topic: " + topic);
        }
        TopologyEventType type;
        try {
            type = TopologyEventType.valueOf(topic.substring(Topics.TOPOLOGY.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown topology event type in topic " + topic);
        }
        Object subject = event.getProperty(EventKeys.SUBJECT);
        if (subject == null) {
            throw new IllegalArgumentException("topology event on " + topic + " lacks '" + EventKeys.SUBJECT + "'");
        }
        Object version = event.getProperty(EventKeys.VERSION);
        Object ts = event.getProperty(EventKeys.TIMESTAMP);
        Object source = event.getProperty(EventKeys.SOURCE);
        Object details = event.getProperty(EventKeys.DETAILS);
        return new TopologyEvent(type, subject.toString(),
                version instanceof Number n ? n.longValue() : -1,
                ts instanceof Number n ? n.longValue() : System.currentTimeMillis(),
                source == null ? "unknown" : source.toString(),
                details == null ? null : details.toString());
    }
}
