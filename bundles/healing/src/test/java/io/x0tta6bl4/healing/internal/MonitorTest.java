package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.IncidentKinds;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Health events into signals; snapshot samples into anomaly signals. */
class MonitorTest {

    private final AtomicReference<TopologySnapshot> mesh = new AtomicReference<>();
    private final List<String> warnings = new ArrayList<>();
    private final Monitor monitor = new Monitor(this::topology, new RobustZDetector(3.5, 0.2, 10), warnings::add);

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
        assertEquals("SVID_EXPIRING", monitor.signals(new Intake(ok, 1)).get(0).kind());
        Event bad = new Event("x0tta6bl4/health/identity/SVID_EXPIRING", java.util.Map.of("severity", "WARNING"));
        assertTrue(monitor.signals(new Intake(bad, 2)).isEmpty());
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
        List<Signal> s = monitor.sample();
        assertEquals(2, s.size(), "both directions: " + s);
        assertEquals(IncidentKinds.LINK_ANOMALY, s.get(0).kind());
        assertTrue(s.get(0).details().startsWith("latency=400"), s.get(0).details());
    }
}
