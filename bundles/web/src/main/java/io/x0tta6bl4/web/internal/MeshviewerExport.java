package io.x0tta6bl4.web.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * The mesh in the formats community map tools read (meshviewer, hopglass, ffmap): {@code nodes.json}
 * version 2 and {@code graph.json} version 1, as ffmap-backend and hopglass-server write them.
 * In graph.json a link's {@code tq} is the inverse of its quality (1 is perfect), both directions
 * of a link are one entry with {@code bidirect} saying whether both were seen.
 */
final class MeshviewerExport {

    /** The inverse quality given to unusable links (quality 0). */
    static final double WORST_TQ = 1000;

    private MeshviewerExport() {
    }

    static Map<String, Object> nodes(TopologySnapshot snapshot, Instant now) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Node n : snapshot.nodes().values()) {
            Map<String, Object> flags = new LinkedHashMap<>();
            flags.put("online", n.isUp());
            flags.put("gateway", n.role() == NodeRole.GATEWAY);
            Map<String, Object> network = new LinkedHashMap<>();
            network.put("mac", mac(n));
            network.put("addresses", n.addresses().stream().filter(a -> !MeshviewerFfrgb.isMac(a)).toList());
            Map<String, Object> nodeinfo = new LinkedHashMap<>();
            nodeinfo.put("node_id", n.id().value());
            nodeinfo.put("hostname", n.attributes().getOrDefault("hostname", n.id().value()));
            nodeinfo.put("network", network);
            Map<String, Object> statistics = new LinkedHashMap<>();
            statistics.put("node_id", n.id().value());
            statistics.put("clients", MeshviewerFfrgb.clients(n));
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("firstseen", iso(n.firstSeen()));
            node.put("lastseen", iso(n.lastSeen()));
            node.put("flags", flags);
            node.put("statistics", statistics);
            node.put("nodeinfo", nodeinfo);
            nodes.add(node);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 2);
        root.put("timestamp", iso(now));
        root.put("nodes", nodes);
        return root;
    }

    static Map<String, Object> graph(TopologySnapshot snapshot) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        Map<NodeId, Integer> index = new HashMap<>();
        for (Node n : snapshot.nodes().values()) {
            index.put(n.id(), nodes.size());
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", mac(n));
            node.put("node_id", n.id().value());
            nodes.add(node);
        }
        List<Map<String, Object>> links = new ArrayList<>();
        for (Link link : snapshot.links().values()) {
            LinkId id = link.id();
            Link reverse = snapshot.links().get(id.reversed());
            if (reverse != null && id.from().compareTo(id.to()) > 0) {
                continue; // reported with its reverse, from the lower id
            }
            double score = reverse == null ? link.quality().score()
                    : (link.quality().score() + reverse.quality().score()) / 2;
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("source", index.get(id.from()));
            l.put("target", index.get(id.to()));
            l.put("tq", score > 1 / WORST_TQ ? 1 / score : WORST_TQ);
            l.put("vpn", link.metrics().medium() == LinkMedium.TUNNEL);
            l.put("bidirect", reverse != null);
            links.add(l);
        }
        Map<String, Object> batadv = new LinkedHashMap<>();
        batadv.put("directed", false);
        batadv.put("multigraph", false);
        batadv.put("graph", List.of());
        batadv.put("nodes", nodes);
        batadv.put("links", links);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("batadv", batadv);
        return root;
    }

    /** The node's first MAC address, else its id. */
    private static String mac(Node n) {
        String mac = MeshviewerFfrgb.mac(n);
        return mac != null ? mac : n.id().value();
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
