package io.x0tta6bl4.healing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.event.TopologyEvent;
import io.x0tta6bl4.api.event.TopologyEventType;
import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.TopologyService;

import org.osgi.service.event.Event;

/**
 * The monitor step: turns an EventAdmin event into signals. Health events become one
 * signal each; a LINK_UPDATED topology event feeds the link's metrics to every anomaly
 * detector, and each anomaly becomes a {@code LINK_ANOMALY} signal. A malformed event is
 * refused with one warning line and counted.
 */
final class Monitor {

    private final Supplier<TopologyService> topology;
    private final List<AnomalyDetector> detectors = new CopyOnWriteArrayList<>();
    private final Consumer<String> warn;
    private final AtomicLong malformed = new AtomicLong();

    Monitor(Supplier<TopologyService> topology, AnomalyDetector builtIn, Consumer<String> warn) {
        this.topology = topology;
        this.warn = warn;
        detectors.add(builtIn);
    }

    void addDetector(AnomalyDetector d) {
        detectors.add(d);
    }

    void removeDetector(AnomalyDetector d) {
        detectors.remove(d);
    }

    long malformed() {
        return malformed.get();
    }

    /** The signals in one intake envelope. */
    List<Signal> signals(Intake in) {
        Event e = in.event();
        String topic = e.getTopic();
        try {
            if (topic.startsWith(Topics.HEALTH)) {
                return List.of(Signal.of(HealthEvent.from(e), in.nanos()));
            }
            if (topic.startsWith(Topics.TOPOLOGY)) {
                return link(TopologyEvent.from(e), in.nanos());
            }
        } catch (IllegalArgumentException ex) {
            if (malformed.incrementAndGet() <= 10 || malformed.get() % 1000 == 0) {
                warn.accept("Refused event on " + topic + ": " + ex.getMessage() + " (" + malformed.get()
                        + " refused so far)");
            }
        }
        return List.of();
    }

    private List<Signal> link(TopologyEvent e, long nanos) {
        if (e.type() == TopologyEventType.LINK_REMOVED) {
            detectors.forEach(d -> d.forget(e.subject()));
            return List.of();
        }
        if (e.type() != TopologyEventType.LINK_UPDATED && e.type() != TopologyEventType.LINK_ADDED) {
            return List.of();
        }
        TopologyService t = topology.get();
        if (t == null) {
            return List.of();
        }
        Optional<Link> link = t.snapshot().link(LinkId.parse(e.subject()));
        if (link.isEmpty()) {
            return List.of();
        }
        Link l = link.get();
        List<Signal> out = new ArrayList<>();
        long ts = e.timestamp();
        observe(out, l, AnomalyDetector.QUALITY, l.quality().score(), ts, nanos);
        if (l.metrics().latencyMs() != null) {
            observe(out, l, AnomalyDetector.LATENCY, l.metrics().latencyMs(), ts, nanos);
        }
        if (l.metrics().loss() != null) {
            observe(out, l, AnomalyDetector.LOSS, l.metrics().loss(), ts, nanos);
        }
        return out;
    }

    private void observe(List<Signal> out, Link l, String metric, double value, long ts, long nanos) {
        String subject = l.id().toString();
        for (AnomalyDetector d : detectors) {
            Optional<Anomaly> a;
            try {
                a = d.observe(subject, metric, value, ts);
            } catch (RuntimeException ex) {
                warn.accept("Anomaly detector " + d.getClass().getName() + " failed on " + subject + ": " + ex);
                continue;
            }
            if (a.isPresent() && out.isEmpty()) {
                Anomaly x = a.get();
                out.add(new Signal("healing", IncidentKinds.LINK_ANOMALY, subject, Severity.WARNING, x.detector(), ts,
                        String.format(Locale.ROOT, "%s=%.3f expected %.3f score %.1f", metric, x.value(), x.baseline(),
                                x.score()), nanos));
            }
        }
    }
}
