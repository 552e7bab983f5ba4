package io.x0tta6bl4.web.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.ScannerService;
import io.x0tta6bl4.api.scanner.Severity;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Scan findings for the API and the metrics, when a scanner service is installed. */
@Component(service = ScannerFindings.class)
public class ScannerFindings implements MeshCollector.ExtraMetrics {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ScannerService scanner;

    /** The current findings and the last scan, or empty when no scanner service is installed. */
    Optional<Map<String, Object>> findings() {
        ScannerService s = scanner;
        if (s == null) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        ScanReport last = s.lastReport();
        body.put("lastScan", last == null ? null : Map.of("startedAt", last.startedAt(),
                "durationMs", last.durationMs(), "scanners", last.scanners(), "errors", last.errors()));
        body.put("findings", s.findings().stream().map(ScannerFindings::view).toList());
        return Optional.of(body);
    }

    static Map<String, Object> view(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("kind", f.kind().name());
        m.put("severity", f.severity().name());
        m.put("subject", f.subject());
        m.put("title", f.title());
        m.put("evidence", f.evidence());
        m.put("fix", f.fix());
        m.put("scanner", f.scanner());
        return m;
    }

    @Override
    public void collect(Consumer<MetricSnapshot> out) {
        ScannerService s = scanner;
        if (s != null) {
            out.accept(bySeverity(s.findings()));
        }
    }

    static GaugeSnapshot bySeverity(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("x0tta6bl4_scanner_findings")
                .help("Current scan findings by severity");
        counts.forEach((severity, n) -> gauge.dataPoint(MeshCollector.gauge(n, "severity", severity.name())));
        return gauge.build();
    }
}
