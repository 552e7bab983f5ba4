package io.x0tta6bl4.healing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.event.Topics;
import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.DetectorInfo;
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
 * becomes a {@code LINK_ANOMALY} signal. The built-in detector runs on the sample thread;
 * each plugin detector on its own {@link DetectorRunner}, with a deadline per sample.
 */
final class Monitor implements AutoCloseable {

    /** How long a sample waits for plugin detectors (the sample period is 1 s). */
    static final long DETECTOR_TIMEOUT_MS = 500;

    private final Supplier<TopologyService> topology;
    private final AnomalyDetector builtIn;
    private final Map<AnomalyDetector, DetectorRunner> plugins = new ConcurrentHashMap<>();
    private final List<DetectorRunner> runners = new CopyOnWriteArrayList<>();
    private final Consumer<String> warn;
    private final long detectorTimeoutMs;
    private final AtomicLong malformed = new AtomicLong();
    private Map<LinkId, Instant> measured = new HashMap<>();
    private long sampledVersion = -1;

    Monitor(Supplier<TopologyService> topology, AnomalyDetector builtIn, Consumer<String> warn) {
        this(topology, builtIn, warn, DETECTOR_TIMEOUT_MS);
    }

    Monitor(Supplier<TopologyService> topology, AnomalyDetector builtIn, Consumer<String> warn, long detectorTimeoutMs) {
        this.topology = topology;
        this.builtIn = builtIn;
        this.warn = warn;
        this.detectorTimeoutMs = detectorTimeoutMs;
    }

    /** A plugin detector, called on a thread of its own; {@code name} is how warnings name it. */
    void addDetector(AnomalyDetector d, String name) {
        synchronized (plugins) {
            if (!plugins.containsKey(d)) {
                DetectorRunner r = new DetectorRunner(d, name, warn);
                plugins.put(d, r);
                runners.add(r);
            }
        }
    }

    void removeDetector(AnomalyDetector d) {
        DetectorRunner r;
        synchronized (plugins) {
            r = plugins.remove(d);
            if (r != null) {
                runners.remove(r);
            }
        }
        if (r != null) {
            r.close();
        }
    }

    /** The plugin detectors and how they behaved, in the order they are asked. */
    List<DetectorInfo> detectors() {
        return runners.stream().map(DetectorRunner::info).toList();
    }

    /** The plugin detectors' runners, in the order they are asked (tests). */
    List<DetectorRunner> runners() {
        return List.copyOf(runners);
    }

    long malformed() {
        return malformed.get();
    }

    /** The health event an EventAdmin event carries: none when it is not one, or is malformed (one line). */
    List<HealthEvent> signals(Event e) {
        String topic = e.getTopic();
        try {
            if (topic.startsWith(Topics.HEALTH)) {
                return List.of(HealthEvent.from(e));
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
     * that are gone. Called from one thread (the sample timer); plugin detectors answer on
     * their own threads within {@link #DETECTOR_TIMEOUT_MS}, or not at all for this sample.
     */
    List<HealthEvent> sample() {
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
        List<DetectorRunner.Observation> batch = new ArrayList<>();
        Map<LinkId, Instant> now = new HashMap<>();
        for (Link l : snapshot.links().values()) {
            now.put(l.id(), l.lastMeasured());
            if (l.lastMeasured().equals(measured.get(l.id()))) {
                continue;
            }
            String subject = l.id().toString();
            long ts = l.lastMeasured().toEpochMilli();
            batch.add(new DetectorRunner.Observation(subject, AnomalyDetector.QUALITY, l.quality().score(), ts));
            if (l.metrics().latencyMs() != null) {
                batch.add(new DetectorRunner.Observation(subject, AnomalyDetector.LATENCY, l.metrics().latencyMs(), ts));
            }
            if (l.metrics().loss() != null) {
                batch.add(new DetectorRunner.Observation(subject, AnomalyDetector.LOSS, l.metrics().loss(), ts));
            }
        }
        List<String> forget = new ArrayList<>();
        for (LinkId gone : measured.keySet()) {
            if (!now.containsKey(gone)) {
                forget.add(gone.toString());
            }
        }
        measured = now;
        if (batch.isEmpty() && forget.isEmpty()) {
            return List.of();
        }
        List<DetectorRunner> asked = List.copyOf(runners);
        List<Future<List<Optional<Anomaly>>>> pending = new ArrayList<>(asked.size());
        for (DetectorRunner r : asked) {
            pending.add(r.submit(forget, batch));
        }
        List<List<Optional<Anomaly>>> answers = new ArrayList<>(asked.size() + 1);
        answers.add(observeBuiltIn(forget, batch));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(detectorTimeoutMs);
        for (int i = 0; i < asked.size(); i++) {
            try {
                answers.add(asked.get(i).await(pending.get(i), deadline, detectorTimeoutMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return signals(batch, answers);
    }

    private List<Optional<Anomaly>> observeBuiltIn(List<String> forget, List<DetectorRunner.Observation> batch) {
        forget.forEach(builtIn::forget);
        List<Optional<Anomaly>> out = new ArrayList<>(batch.size());
        for (DetectorRunner.Observation o : batch) {
            out.add(builtIn.observe(o.subject(), o.metric(), o.value(), o.timestamp()));
        }
        return out;
    }

    /** One signal per link: its first anomaly, by metric, then by detector (the built-in first). */
    private static List<HealthEvent> signals(List<DetectorRunner.Observation> batch,
                                             List<List<Optional<Anomaly>>> answers) {
        List<HealthEvent> out = new ArrayList<>();
        Set<String> signalled = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            DetectorRunner.Observation o = batch.get(i);
            if (signalled.contains(o.subject())) {
                continue;
            }
            for (List<Optional<Anomaly>> a : answers) {
                if (a != null && i < a.size() && a.get(i).isPresent()) {
                    Anomaly x = a.get(i).get();
                    signalled.add(o.subject());
                    out.add(new HealthEvent("healing", IncidentKinds.LINK_ANOMALY, o.subject(), Severity.WARNING,
                            x.detector(), o.timestamp(), x.value(), null, String.format(Locale.ROOT,
                                    "%s=%.3f expected %.3f score %.1f", o.metric(), x.value(), x.baseline(), x.score())));
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        List<DetectorRunner> closing;
        synchronized (plugins) {
            closing = List.copyOf(runners);
            runners.clear();
            plugins.clear();
        }
        closing.forEach(DetectorRunner::close);
    }
}
