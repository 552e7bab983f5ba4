package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.Anomaly;
import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.support.testing.Waits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Health events into signals; snapshot samples into anomaly signals. */
class MonitorTest {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);

    private final AtomicReference<TopologySnapshot> mesh = new AtomicReference<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Monitor monitor = new Monitor(this::topology, new RobustZDetector(3.5, 0.2, 10), warnings::add, 200);

    @AfterEach
    void close() {
        monitor.close();
    }

    private TopologyService topology() {
        TopologySnapshot s = mesh.get();
        return (TopologyService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TopologyService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("snapshot")) {
                        return s;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void measure(long version, double latency, long at) {
        TopologySnapshot base = Meshes.of(version, 2, "n1-n2");
        TreeMap<LinkId, Link> links = new TreeMap<>();
        for (Link l : base.links().values()) {
            links.put(l.id(), new Link(l.id(), new LinkMetrics(latency, null, 0.01, null), new LinkQuality(0.8, 1.25),
                    Instant.ofEpochMilli(at)));
        }
        mesh.set(new TopologySnapshot(version, base.time(), new TreeMap<>(base.nodes()), links));
    }

    @Test
    void healthEventsBecomeSignalsAndMalformedOnesAreRefusedWithOneLine() {
        Event ok = HealthEvent.of("identity", "SVID_EXPIRING", "spiffe://mesh/n1", Severity.WARNING, "identity").toEvent();
        assertEquals("SVID_EXPIRING", monitor.signals(ok).get(0).kind());
        Event bad = new Event("x0tta6bl4/health/identity/SVID_EXPIRING", java.util.Map.of("severity", "WARNING"));
        assertTrue(monitor.signals(bad).isEmpty());
        assertEquals(1, monitor.malformed());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("lacks 'subject'"), warnings.get(0));
    }

    @Test
    void eachNewMeasurementIsSampledOnceAndASpikeIsALinkAnomaly() {
        long t = 1_000_000;
        for (int i = 0; i < 30; i++) {
            measure(i + 1, 20 + (i % 3), t + i * 1000L);
            assertTrue(monitor.sample().isEmpty(), "steady link, sample " + i);
            assertTrue(monitor.sample().isEmpty(), "the same version is not sampled twice");
        }
        measure(31, 20 + (30 % 3), t + 29_000L); // a new version, but the links were not measured again
        assertTrue(monitor.sample().isEmpty());
        measure(32, 400, t + 31_000L);
        List<HealthEvent> s = monitor.sample();
        assertEquals(2, s.size(), "both directions: " + s);
        assertEquals(IncidentKinds.LINK_ANOMALY, s.get(0).kind());
        assertTrue(s.get(0).details().startsWith("latency=400"), s.get(0).details());
    }

    @Test
    void aBlockingPluginDetectorIsCutOffAndSkippedWhileTheOthersGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blockedCalls = new AtomicInteger();
        AnomalyDetector blocking = (subject, metric, value, ts) -> {
            blockedCalls.incrementAndGet();
            try {
                // ignores the interrupt, as a badly written plugin would
                release.await();
            } catch (InterruptedException e) {
                try {
                    release.await();
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        };
        List<String> threads = new CopyOnWriteArrayList<>();
        AnomalyDetector spiky = (subject, metric, value, ts) -> {
            threads.add(Thread.currentThread().getName());
            return metric.equals(AnomalyDetector.LOSS) && value > 0.5
                    ? Optional.of(new Anomaly("spiky", subject, metric, value, 0.01, 9)) : Optional.empty();
        };
        monitor.addDetector(blocking, "blocking");
        monitor.addDetector(spiky, "spiky");
        long t = 1_000_000;
        try {
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 5; i++) {
                    measure(i + 1, 20, t + i * 1000L);
                    assertTrue(monitor.sample().isEmpty());
                }
            });
            assertEquals(1, blockedCalls.get(), "the stuck detector is not called again while its call runs");
            DetectorRunner stuck = monitor.runners().get(0);
            assertEquals(1, stuck.timeouts());
            assertEquals(4, stuck.skipped());
            assertEquals(List.of(new io.x0tta6bl4.api.healing.DetectorInfo("blocking", 1, 4, 0, true),
                    new io.x0tta6bl4.api.healing.DetectorInfo("spiky", 0, 0, 0, false)), monitor.detectors());
            assertEquals(1, warnings.stream().filter(w -> w.contains("blocking did not answer within 200 ms")).count(),
                    warnings.toString());
            assertEquals(5 * 6, threads.size(), "the other plugin saw every observation of every sample");
            assertTrue(threads.stream().allMatch(n -> n.startsWith(DetectorRunner.THREAD_PREFIX)), threads.toString());

            // a plugin's anomaly is a signal like the built-in detector's
            TopologySnapshot base = Meshes.of(6, 2, "n1-n2");
            TreeMap<LinkId, Link> links = new TreeMap<>();
            for (Link l : base.links().values()) {
                links.put(l.id(), new Link(l.id(), new LinkMetrics(20.0, null, 0.9, null), new LinkQuality(0.8, 1.25),
                        Instant.ofEpochMilli(t + 6000)));
            }
            mesh.set(new TopologySnapshot(6, base.time(), new TreeMap<>(base.nodes()), links));
            List<HealthEvent> s = monitor.sample();
            assertEquals(2, s.size(), s.toString());
            assertEquals("spiky", s.get(0).source());
            assertTrue(s.get(0).details().startsWith("loss=0.900"), s.get(0).details());
        } finally {
            release.countDown();
        }
        // once its call returns, the detector is fed again and healing says so
        // (the call is counted when it starts, the warning written when it has answered: wait for both)
        Waits.until(WAIT, () -> {
            measure(100 + blockedCalls.get(), 20, System.currentTimeMillis());
            monitor.sample();
            return blockedCalls.get() > 1 && warnings.stream().anyMatch(w -> w.contains("blocking answers again"));
        });
        assertTrue(warnings.stream().anyMatch(w -> w.contains("blocking answers again")), warnings.toString());
        assertFalse(monitor.detectors().get(0).stuck(), "answering again, it is no longer stuck");
    }

    @Test
    void aThrowingPluginDetectorCostsOnlyItsOwnAnswersWithBoundedWarnings() {
        monitor.addDetector((subject, metric, value, ts) -> {
            throw new IllegalStateException("broken plugin");
        }, "thrower");
        long t = 1_000_000;
        for (int i = 0; i < 30; i++) {
            measure(i + 1, 20 + (i % 3), t + i * 1000L);
            assertTrue(monitor.sample().isEmpty());
        }
        measure(32, 400, t + 31_000L);
        assertEquals(2, monitor.sample().size(), "the built-in detector still finds the spike");
        assertEquals(31 * 6, monitor.runners().get(0).failures());
        assertEquals(10, warnings.size(), "the first ten failures are logged, then every thousandth");
        assertTrue(warnings.get(0).contains("thrower failed on n1->n2: java.lang.IllegalStateException: broken plugin"),
                warnings.get(0));
    }

    @Test
    void closingTheMonitorEndsThePluginDetectorsThreads() {
        List<Thread> used = new CopyOnWriteArrayList<>();
        monitor.addDetector((subject, metric, value, ts) -> {
            used.add(Thread.currentThread());
            return Optional.empty();
        }, "quiet");
        measure(1, 20, 1_000_000);
        monitor.sample();
        assertEquals(6, used.size());
        monitor.close();
        Waits.until(WAIT, () -> !used.get(0).isAlive());
    }
}
