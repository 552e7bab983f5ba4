package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * The --json form of the commands: plain maps and lists, so the output does not depend
 * on Jackson modules for records or java.time. Instants are ISO-8601 strings; an
 * infinite cost, which JSON cannot carry, is null.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(Object dto) throws Exception {
        System.out.println(MAPPER.writeValueAsString(dto));
    }

    static Map<String, Object> attestation(io.x0tta6bl4.api.identity.AttestationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spiffeId", r.spiffeId());
        m.put("attested", r.attested());
        m.put("reason", r.reason());
        m.put("at", r.at() == null ? null : r.at().toString());
        m.put("notAfter", r.notAfter() == null ? null : r.notAfter().toString());
        return m;
    }

    static Map<String, Object> node(Node n, int links) {
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

    static Map<String, Object> link(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", l.from().value());
        m.put("to", l.to().value());
        m.put("score", l.quality().score());
        m.put("cost", finite(l.quality().cost()));
        LinkMetrics x = l.metrics();
        m.put("latencyMs", x.latencyMs());
        m.put("throughputMbps", x.throughputMbps());
        m.put("loss", x.loss());
        m.put("tq", x.tq());
        m.put("babelCost", x.babelCost());
        m.put("medium", x.medium().name());
        m.put("lastMeasured", instant(l.lastMeasured()));
        return m;
    }

    static List<Map<String, Object>> links(List<Link> links) {
        return links.stream().map(Json::link).toList();
    }

    static List<Map<String, Object>> links(List<Link> links, Map<io.x0tta6bl4.api.topology.LinkId,
            io.x0tta6bl4.api.topology.LinkPenalty> penalties) {
        return links.stream().map(l -> {
            Map<String, Object> m = link(l);
            io.x0tta6bl4.api.topology.LinkPenalty p = LinksCommand.penaltyOf(penalties, l.id());
            m.put("penalty", p == null ? null : penalty(p));
            return m;
        }).toList();
    }

    static Map<String, Object> sample(io.x0tta6bl4.api.topology.LinkSample x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", instant(x.at()));
        m.put("score", x.quality().score());
        m.put("cost", finite(x.quality().cost()));
        m.put("latencyMs", x.metrics().latencyMs());
        m.put("throughputMbps", x.metrics().throughputMbps());
        m.put("loss", x.metrics().loss());
        m.put("tq", x.metrics().tq());
        return m;
    }

    static Map<String, Object> penalty(io.x0tta6bl4.api.topology.LinkPenalty p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link", p.link().toString());
        m.put("factor", finite(p.factor()));
        m.put("excluded", p.excludes());
        m.put("until", instant(p.until()));
        m.put("reason", p.reason());
        return m;
    }

    static Map<String, Object> path(Path p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", p.source().value());
        m.put("destination", p.destination().value());
        m.put("weigher", p.weigher());
        m.put("hops", p.hops().stream().map(NodeId::value).toList());
        m.put("hopCount", p.hopCount());
        m.put("cost", finite(p.cost()));
        m.put("links", links(p.links()));
        return m;
    }

    static Map<String, Object> statistics(TopologyStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("nodes", s.nodes());
        m.put("nodesUp", s.nodesUp());
        m.put("links", s.links());
        m.put("averageDegree", s.averageDegree());
        m.put("components", s.components());
        m.put("diameterHops", s.diameterHops());
        m.put("diameterCost", s.diameterCost());
        m.put("averageQuality", s.averageQuality());
        return m;
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
