package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;

import org.junit.jupiter.api.Test;

class MeshCollectorTest {

    @Test
    void linkQualityHistogramCountsEachLinkInItsBucket() {
        HistogramSnapshot h = MeshCollector.qualityHistogram(List.of(MeshviewerExportTest.link("a", "b", 0.05),
                MeshviewerExportTest.link("b", "a", 0.1), MeshviewerExportTest.link("b", "c", 0.95),
                MeshviewerExportTest.link("c", "b", 1.0)));
        var point = h.getDataPoints().get(0);
        List<Long> counts = point.getClassicBuckets().stream().map(ClassicHistogramBucket::getCount).toList();
        // per bucket in the model (the text format makes them cumulative): 0.05 and 0.1 in le=0.1,
        // 0.95 and 1.0 in le=1.0
        assertEquals(List.of(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L, 0L), counts);
        assertEquals(4L, point.getCount());
        assertEquals(2.1, point.getSum(), 1e-9);
    }
}
