package io.x0tta6bl4.web.internal;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * Per-node and per-link series of the current snapshot, as a community's Grafana draws them from
 * yanic's InfluxDB output. Their number grows with the mesh (up to five per node, two per
 * directed link), so at most {@code max} are written: nodes first, then links in id order, and
 * {@code x0tta6bl4_metrics_series_left_out} says how many did not fit, so a cut is never silent.
 */
final class MeshSeries {

    private MeshSeries() {
    }

    static void collect(TopologySnapshot snapshot, int max, List<MetricSnapshot> out) {
        Budget budget = new Budget(max);
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("x0tta6bl4_node_up")
                .help("1 while the node is UP, 0 while it is DOWN");
        GaugeSnapshot.Builder clients = GaugeSnapshot.builder().name("x0tta6bl4_node_clients")
                .help("Clients the node serves (respondd statistics.clients.total, or batman-adv's local translations)");
        GaugeSnapshot.Builder uptime = GaugeSnapshot.builder().name("x0tta6bl4_node_uptime_seconds")
                .help("Seconds since the node booted, as it last reported");
        CounterSnapshot.Builder traffic = CounterSnapshot.builder().name("x0tta6bl4_node_traffic_bytes")
                .help("Bytes on the node's mesh interface since it booted, as it last reported");
        for (Node n : snapshot.nodes().values()) {
            String id = n.id().value();
            if (budget.take()) {
                up.dataPoint(MeshCollector.gauge(n.isUp() ? 1 : 0, "node", id));
            }
            if (budget.take()) {
                clients.dataPoint(MeshCollector.gauge(MeshviewerFfrgb.clients(n), "node", id));
            }
            Double seconds = number(n.attributes(), NodeAttributes.UPTIME_S);
            if (seconds != null && budget.take()) {
                uptime.dataPoint(MeshCollector.gauge(seconds, "node", id));
            }
            for (String[] dir : new String[][] {{"rx", NodeAttributes.TRAFFIC_RX_BYTES}, {"tx", NodeAttributes.TRAFFIC_TX_BYTES}}) {
                Double bytes = number(n.attributes(), dir[1]);
                if (bytes != null && budget.take()) {
                    traffic.dataPoint(MeshCollector.counter(bytes, "node", id, "direction", dir[0]));
                }
            }
        }
        GaugeSnapshot.Builder quality = GaugeSnapshot.builder().name("x0tta6bl4_link_quality")
                .help("Quality score of the link in this direction (0 unusable .. 1 perfect)");
        GaugeSnapshot.Builder tq = GaugeSnapshot.builder().name("x0tta6bl4_link_tq")
                .help("batman-adv IV transmit quality of the link in this direction (0 .. 255)");
        for (Link l : snapshot.links().values()) {
            String iface = l.metrics().iface() == null ? "" : l.metrics().iface();
            String[] labels = {"source", l.from().value(), "target", l.to().value(), "iface", iface,
                "type", MeshviewerFfrgb.linkType(l.metrics().medium())};
            if (budget.take()) {
                quality.dataPoint(MeshCollector.gauge(l.quality().score(), labels));
            }
            if (l.metrics().tq() != null && budget.take()) {
                tq.dataPoint(MeshCollector.gauge(l.metrics().tq(), labels));
            }
        }
        out.add(up.build());
        out.add(clients.build());
        out.add(uptime.build());
        out.add(traffic.build());
        out.add(quality.build());
        out.add(tq.build());
        out.add(MeshCollector.gauge("x0tta6bl4_metrics_series_left_out",
                "Per-node and per-link series not written because of metrics.series.max", budget.leftOut));
    }

    private static Double number(Map<String, String> attributes, String key) {
        String v = attributes.get(key);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) && d >= 0 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Budget {
        private int left;
        private long leftOut;

        Budget(int max) {
            this.left = max;
        }

        boolean take() {
            if (left > 0) {
                left--;
                return true;
            }
            leftOut++;
            return false;
        }
    }
}
