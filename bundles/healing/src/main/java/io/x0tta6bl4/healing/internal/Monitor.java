package io.x0tta6bl4.healing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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
import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.osgi.service.event.Event;

/**
 * The monitor step: health events become one signal each (a malformed event is refused with
 * one warning line and counted); a periodic sample of the topology snapshot feeds every newly
 * measured link's quality, latency and loss to every anomaly detector, and each anomaly
 * becomes a {@code LINK_ANOMALY} signal.
 */
final class Monitor {

    private final Supplier<TopologyService> topology;
    private final List<AnomalyDetector> detectors = new CopyOnWriteArrayList<>();
    private final Consumer<String> warn;
    private final AtomicLong malformed = new AtomicLong();
    private Map<LinkId, Instant> measured = new HashMap<>();
    private long sampledVersion = -1;

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
        } catch (IllegalArgumentException ex) {
            if (malformed.incrementAndGet() <= 10 || malformed.get() % 1000 == 0) {
                warn.accept("Refused event on " + topic + ": " + ex.getMessage() + " (" + malformed.get()
                        + " refused so far)");
            }
        }
        return List.of();
    }

    /**
     * Feeds every link measured since the last sample to the detectors, and forgets links
     * that are gone. Called from one thread (the sample timer), the only one that touches
     * the detectors.
     */
    List<Signal> sample() {
        TopologyService t = topology.get();
        if (t == null) {
            return List.of();
        }
        TopologySnapshot snapshot;
        try {
            snapshot = t.snapshot();
        } catch (RuntimeException e) {
            return List.of();
        }
        if (snapshot.version() == sampledVersion) {
            return List.of();
        }
        sampledVersion = snapshot.version();
        long nanos = System.nanoTime();
        List<Signal> out = new ArrayList<>();
        Map<LinkId, Instant> now = new HashMap<>();
        for (Link l : snapshot.links().values()) {
            now.put(l.id(), l.lastMeasured());
            if (l.lastMeasured().equals(measured.get(l.id()))) {
                continue;
            }
            long ts = l.lastMeasured().toEpochMilli();
            List<Signal> found = new ArrayList<>();
            observe(found, l, AnomalyDetector.QUALITY, l.quality().score(), ts, nanos);
            if (l.metrics().latencyMs() != null) {
                observe(found, l, AnomalyDetector.LATENCY, l.metrics().latencyMs(), ts, nanos);
            }
            if (l.metrics().loss() != null) {
                observe(found, l, AnomalyDetector.LOSS, l.metrics().loss(), ts, nanos);
            }
            out.addAll(found);
        }
        for (LinkId gone : measured.keySet()) {
            if (!now.containsKey(gone)) {
                detectors.forEach(d -> d.forget(gone.toString()));
            }
        }
        measured = now;
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
