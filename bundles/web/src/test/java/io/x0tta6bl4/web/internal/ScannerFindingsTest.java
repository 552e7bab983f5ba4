package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.Severity;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;

import org.junit.jupiter.api.Test;

class ScannerFindingsTest {

    static Finding finding(String id, Severity severity) {
        return new Finding(id, FindingKind.VULNERABILITY, severity, "org.example/1.0", "t", "e", "f", "bundles");
    }

    @Test
    void countsEverySeverityIncludingTheAbsentOnes() {
        GaugeSnapshot g = ScannerFindings.bySeverity(List.of(finding("A", Severity.HIGH), finding("B", Severity.HIGH),
                finding("C", Severity.CRITICAL)));
        Map<String, Double> bySeverity = g.getDataPoints().stream().collect(Collectors.toMap(
                p -> p.getLabels().get("severity"), GaugeSnapshot.GaugeDataPointSnapshot::getValue));
        assertEquals(Map.of("INFO", 0.0, "LOW", 0.0, "MEDIUM", 0.0, "HIGH", 2.0, "CRITICAL", 1.0), bySeverity);
    }
}
