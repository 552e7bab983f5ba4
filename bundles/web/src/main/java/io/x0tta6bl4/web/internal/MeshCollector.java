package io.x0tta6bl4.web.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.IdentityState;
import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The platform's metrics, read from the installed services at each scrape (nothing is cached,
 * so a scrape always shows the current snapshot and counters). A service that is not
 * installed contributes no series.
 */
final class MeshCollector implements MultiCollector {

    static final double[] QUALITY_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, Double.POSITIVE_INFINITY};

    private final PlatformServices services;
    private final ExtraMetrics extra;
    private final IntSupplier seriesMax;

    /** Metrics of optional services that are not always compiled in, e.g. scan findings. */
    interface ExtraMetrics {
        void collect(Consumer<MetricSnapshot> out);
    }

    MeshCollector(PlatformServices services, ExtraMetrics extra, IntSupplier seriesMax) {
        this.services = services;
        this.extra = extra;
        this.seriesMax = seriesMax;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        services.topology().ifPresent(t -> topology(t, seriesMax.getAsInt(), out));
        services.guard().ifPresent(g -> guard(g, out));
        services.identity().ifPresent(i -> identity(i, out));
        services.healing().ifPresent(h -> healing(h, out));
        extra.collect(out::add);
        return new MetricSnapshots(out);
    }

    private static void topology(TopologyService topology, int seriesMax, List<MetricSnapshot> out) {
        TopologySnapshot snapshot = topology.snapshot();
        TopologyStatistics stats = topology.statistics();
        CriticalElements critical = topology.critical();
        long up = snapshot.upNodeCount();
        out.add(GaugeSnapshot.builder().name("x0tta6bl4_topology_nodes").help("Known mesh nodes by state")
                .dataPoint(gauge(up, "state", "up"))
                .dataPoint(gauge(snapshot.nodes().size() - up, "state", "down")).build());
        out.add(gauge("x0tta6bl4_topology_links", "Directed links between UP nodes", snapshot.links().size()));
        out.add(gauge("x0tta6bl4_topology_version", "Version of the current topology snapshot", snapshot.version()));
        out.add(gauge("x0tta6bl4_topology_components", "Connected components among UP nodes", stats.components()));
        if (stats.diameterHops() >= 0) {
            out.add(gauge("x0tta6bl4_topology_diameter_hops",
                    "Longest shortest path between two connected UP nodes, in hops", stats.diameterHops()));
            out.add(gauge("x0tta6bl4_topology_diameter_cost",
                    "Longest shortest path between two connected UP nodes, by quality cost", stats.diameterCost()));
        }
        out.add(gauge("x0tta6bl4_topology_articulation_points",
                "UP nodes whose loss splits the mesh (single points of failure)", critical.articulationPoints().size()));
        out.add(gauge("x0tta6bl4_topology_bridges", "Links whose loss splits the mesh", critical.bridges().size()));
        out.add(qualityHistogram(snapshot.links().values()));
        MeshSeries.collect(snapshot, seriesMax, out);
    }

    static HistogramSnapshot qualityHistogram(Iterable<Link> links) {
        long[] counts = new long[QUALITY_BUCKETS.length];
        double sum = 0;
        for (Link link : links) {
            double score = link.quality().score();
            sum += score;
            for (int i = 0; i < QUALITY_BUCKETS.length; i++) {
                if (score <= QUALITY_BUCKETS[i]) {
                    counts[i]++;
                    break;
                }
            }
        }
        return HistogramSnapshot.builder().name("x0tta6bl4_topology_link_quality")
                .help("Quality scores (0 unusable .. 1 perfect) of the current links")
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(QUALITY_BUCKETS, counts))
                        .sum(sum).build())
                .build();
    }

    private static void guard(MeshGuard guard, List<MetricSnapshot> out) {
        Map<String, PeerCounters> counters = guard.counters();
        CounterSnapshot.Builder packets = CounterSnapshot.builder().name("x0tta6bl4_meshguard_packets")
                .help("Frames seen by the XDP mesh guard per source MAC");
        CounterSnapshot.Builder bytes = CounterSnapshot.builder().name("x0tta6bl4_meshguard_bytes")
                .help("Bytes of frames seen by the XDP mesh guard per source MAC");
        CounterSnapshot.Builder dropped = CounterSnapshot.builder().name("x0tta6bl4_meshguard_dropped")
                .help("Frames the XDP mesh guard dropped per source MAC");
        for (PeerCounters c : counters.values()) {
            packets.dataPoint(counter(c.packets(), "mac", c.mac()));
            bytes.dataPoint(counter(c.bytes(), "mac", c.mac()));
            dropped.dataPoint(counter(c.dropped(), "mac", c.mac()));
        }
        out.add(packets.build());
        out.add(bytes.build());
        out.add(dropped.build());
        out.add(gauge("x0tta6bl4_meshguard_quarantined", "Quarantined peers", guard.quarantined().size()));
        out.add(gauge("x0tta6bl4_meshguard_enforcing", "1 when only attested peers pass", guard.enforcing() ? 1 : 0));
        out.add(gauge("x0tta6bl4_meshguard_interfaces", "Interfaces the XDP guard is attached to",
                guard.interfaces().size()));
    }

    private static void identity(IdentityService identity, List<MetricSnapshot> out) {
        IdentityState current = identity.state();
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("x0tta6bl4_identity_state")
                .help("1 for the node identity's current state");
        for (IdentityState s : IdentityState.values()) {
            state.dataPoint(gauge(s == current ? 1 : 0, "state", s.name()));
        }
        out.add(state.build());
        identity.notAfter().ifPresent(notAfter -> out.add(gauge("x0tta6bl4_identity_svid_expiry_seconds",
                "Seconds until the node's X.509-SVID expires (negative once expired)",
                Duration.between(Instant.now(), notAfter).toMillis() / 1000.0)));
    }

    private static void healing(HealingService healing, List<MetricSnapshot> out) {
        HealingStats stats = healing.stats();
        out.add(gauge("x0tta6bl4_healing_incidents_open", "Incidents open now", stats.open()));
        out.add(gauge("x0tta6bl4_healing_incidents_known", "Incidents in the knowledge store", stats.incidents()));
        out.add(counter("x0tta6bl4_healing_incidents_resolved", "Incidents resolved", stats.resolved()));
        CounterSnapshot.Builder actions = CounterSnapshot.builder().name("x0tta6bl4_healing_actions")
                .help("Remediation actions executed, by action and outcome");
        stats.perAction().forEach((name, a) -> {
            actions.dataPoint(counter(a.successes(), "action", name, "outcome", "success"));
            actions.dataPoint(counter(a.failures(), "action", name, "outcome", "failure"));
        });
        out.add(actions.build());
        if (stats.mttr() != null) {
            out.add(gauge("x0tta6bl4_healing_mttr_seconds", "Mean time to recover over resolved incidents",
                    stats.mttr().toMillis() / 1000.0));
        }
        out.add(counter("x0tta6bl4_healing_events_received", "Health and topology events taken in",
                stats.eventsReceived()));
        out.add(counter("x0tta6bl4_healing_events_dropped", "Events refused because the intake queue was full",
                stats.eventsDropped()));
        out.add(counter("x0tta6bl4_healing_dead_letters", "Action executions that threw", stats.deadLetters()));
    }

    static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    static GaugeDataPointSnapshot gauge(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    static CounterDataPointSnapshot counter(double value, String... labels) {
        return CounterDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }
}
