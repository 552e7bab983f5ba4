package io.x0tta6bl4.web.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.osgi.service.component.annotations.Component;

/** Scan findings for the API and the metrics, when a scanner service is installed. */
@Component(service = ScannerFindings.class)
public class ScannerFindings implements MeshCollector.ExtraMetrics {

    /** The current findings as JSON-ready maps, or empty when no scanner service is installed. */
    Optional<List<Map<String, Object>>> findings() {
        return Optional.empty();
    }

    @Override
    public void collect(Consumer<MetricSnapshot> out) {
        // no scanner service to read yet
    }
}
