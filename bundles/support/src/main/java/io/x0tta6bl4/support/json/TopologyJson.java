package io.x0tta6bl4.support.json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * The JSON shape of each topology record, one for the shell's {@code --json} and the REST API
 * alike: plain maps and lists (so the output depends on no Jackson module for records or
 * java.time), times as ISO-8601 strings, and what JSON cannot carry (an infinite cost, an
 * unknown diameter) as null. A caller adds what only it knows (the page's criticality, a
 * link's penalty) to the map it gets.
 */
public final class TopologyJson {

    private TopologyJson() {
    }

    public static Map<String, Object> node(Node n, int links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id().value());
        m.put("state", n.state().name());
        m.put("role", n.role().name());
        m.put("links", links);
        m.put("addresses", n.addresses());
        m.put("firstSeen", instant(n.firstSeen()));
        m.put("lastSeen", instant(n.lastSeen()));
        m.put("attributes", n.attributes());
        return m;
    }

    public static Map<String, Object> link(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id().toString());
        m.put("from", l.from().value());
        m.put("to", l.to().value());
        m.put("quality", l.quality().score());
        m.put("cost", finite(l.quality().cost()));
        LinkMetrics x = l.metrics();
        m.put("latencyMs", x.latencyMs());
        m.put("throughputMbps", x.throughputMbps());
        m.put("loss", x.loss());
        m.put("tq", x.tq());
        m.put("babelCost", x.babelCost());
        m.put("medium", x.medium().name());
        m.put("iface", x.iface());
        m.put("lastMeasured", instant(l.lastMeasured()));
        return m;
    }

    public static List<Map<String, Object>> links(List<Link> links) {
        return links.stream().map(TopologyJson::link).toList();
    }

    public static Map<String, Object> sample(LinkSample x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", instant(x.at()));
        m.put("quality", x.quality().score());
        m.put("cost", finite(x.quality().cost()));
        m.put("latencyMs", x.metrics().latencyMs());
        m.put("throughputMbps", x.metrics().throughputMbps());
        m.put("loss", x.metrics().loss());
        m.put("tq", x.metrics().tq());
        return m;
    }

    public static Map<String, Object> penalty(LinkPenalty p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link", p.link().toString());
        m.put("factor", finite(p.factor()));
        m.put("excluded", p.excludes());
        m.put("until", instant(p.until()));
        m.put("reason", p.reason());
        return m;
    }

    public static Map<String, Object> path(Path p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.source().value());
        m.put("to", p.destination().value());
        m.put("weigher", p.weigher());
        m.put("hops", p.hops().stream().map(NodeId::value).toList());
        m.put("hopCount", p.hopCount());
        m.put("cost", finite(p.cost()));
        m.put("links", links(p.links()));
        return m;
    }

    public static Map<String, Object> statistics(TopologyStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("nodes", s.nodes());
        m.put("nodesUp", s.nodesUp());
        m.put("links", s.links());
        m.put("averageDegree", s.averageDegree());
        m.put("components", s.components());
        m.put("diameterHops", s.diameterHops() < 0 ? null : s.diameterHops());
        m.put("diameterCost", s.diameterCost() < 0 ? null : s.diameterCost());
        m.put("averageQuality", s.averageQuality());
        return m;
    }

    public static Map<String, Object> attestation(AttestationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spiffeId", r.spiffeId());
        m.put("attested", r.attested());
        m.put("reason", r.reason());
        m.put("at", instant(r.at()));
        m.put("notAfter", instant(r.notAfter()));
        return m;
    }

    static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
