package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.junit.jupiter.api.Test;

class MeshSeriesTest {

    static Map<String, MetricSnapshot> collect(int max) {
        List<MetricSnapshot> out = new ArrayList<>();
        MeshSeries.collect(MeshviewerFfrgbTest.mesh(), max, out);
        Map<String, MetricSnapshot> byName = new TreeMap<>();
        out.forEach(m -> byName.put(m.getMetadata().getName(), m));
        return byName;
    }

    static Map<String, Double> points(MetricSnapshot m) {
        Map<String, Double> out = new TreeMap<>();
        for (DataPointSnapshot p : m.getDataPoints()) {
            StringBuilder key = new StringBuilder();
            p.getLabels().forEach(l -> key.append(key.length() == 0 ? "" : ",").append(l.getName()).append('=').append(l.getValue()));
            out.put(key.toString(), p instanceof GaugeDataPointSnapshot g ? g.getValue()
                    : ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p).getValue());
        }
        return out;
    }

    @Test
    void eachNodeAndEachDirectionOfALinkIsASeries() {
        Map<String, MetricSnapshot> m = collect(1000);
        String a = MeshviewerFfrgbTest.A;
        String b = MeshviewerFfrgbTest.B;
        assertEquals(Map.of("node=" + a, 1.0, "node=" + b, 1.0, "node=sim-03", 0.0, "node=x-y", 1.0),
                points(m.get("x0tta6bl4_node_up")));
        assertEquals(7.0, points(m.get("x0tta6bl4_node_clients")).get("node=" + a));
        assertEquals(Map.of("node=" + a, 3600.0), points(m.get("x0tta6bl4_node_uptime_seconds")));
        assertEquals(Map.of("direction=rx,node=" + a, 5000.0, "direction=tx,node=" + a, 6000.0),
                points(m.get("x0tta6bl4_node_traffic_bytes")));
        assertEquals(Map.of("iface=wlan0,source=" + a + ",target=" + b + ",type=wifi", 204.0,
                "iface=,source=" + b + ",target=" + a + ",type=other", 153.0), points(m.get("x0tta6bl4_link_tq")));
        Map<String, Double> quality = points(m.get("x0tta6bl4_link_quality"));
        assertEquals(3, quality.size());
        assertEquals(0.25, quality.get("iface=,source=sim-03,target=" + b + ",type=vpn"), 1e-9);
        assertEquals(0.0, ((GaugeSnapshot) m.get("x0tta6bl4_metrics_series_left_out")).getDataPoints().get(0).getValue());
    }

    @Test
    void theCapCutsLinksBeforeNodesAndCountsWhatItLeftOut() {
        // 4 up + 4 clients + 1 uptime + 2 traffic = 11 node series, then 3 quality + 2 tq link series
        Map<String, MetricSnapshot> m = collect(12);
        assertEquals(4, points(m.get("x0tta6bl4_node_up")).size());
        assertEquals(1, points(m.get("x0tta6bl4_link_quality")).size());
        assertEquals(0, points(m.get("x0tta6bl4_link_tq")).size());
        assertEquals(4.0, ((GaugeSnapshot) m.get("x0tta6bl4_metrics_series_left_out")).getDataPoints().get(0).getValue());
        assertEquals(16.0, ((GaugeSnapshot) collect(0).get("x0tta6bl4_metrics_series_left_out")).getDataPoints().get(0)
                .getValue(), "0 writes none and counts all");
    }
}
