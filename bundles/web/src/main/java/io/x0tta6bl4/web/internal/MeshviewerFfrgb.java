package io.x0tta6bl4.web.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * The mesh as {@code meshviewer.json}, the only file meshviewer v10 and later read: the shape
 * yanic's {@code meshviewer-ffrgb} output writes (timestamp, nodes, links). What differs from
 * yanic, and why:
 * <ul>
 * <li>A node's {@code node_id} must be {@code [A-Za-z0-9.]} only, since meshviewer splits a link's
 *     URL at {@code -}: the respondd node id when one is known and valid, else the node's MAC
 *     without colons (as Gluon names nodes, and what simulated nodes carry), else the hex of the
 *     topology id. Link ends and {@code gateway}/{@code gateway_nexthop} use the same ids.</li>
 * <li>{@code clients_other} is the total less both radios (yanic subtracts one radio from the
 *     other).</li>
 * <li>{@code source_tq}/{@code target_tq} are each direction's own TQ (or quality score where a
 *     link has no TQ) as a fraction; a direction the topology has not seen is 0.</li>
 * <li>The topology keeps no per-interface MAC of a link, so {@code source_addr}/{@code target_addr}
 *     are the ends' node MACs.</li>
 * </ul>
 */
final class MeshviewerFfrgb {

    /** yanic's {@code jsontime} layout ({@code 2006-01-02T15:04:05-0700}), which meshviewer parses. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9.]{1,64}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    private MeshviewerFfrgb() {
    }

    static Map<String, Object> of(TopologySnapshot snapshot, Instant now) {
        Map<NodeId, String> ids = new HashMap<>();
        Map<String, String> idByMac = new HashMap<>();
        for (Node n : snapshot.nodes().values()) {
            String id = nodeId(n);
            ids.put(n.id(), id);
            String mac = mac(n);
            if (mac != null) {
                idByMac.put(mac, id);
            }
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Node n : snapshot.nodes().values()) {
            nodes.add(node(n, ids.get(n.id()), idByMac, now));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timestamp", TIME.format(now));
        root.put("nodes", nodes);
        root.put("links", links(snapshot, ids));
        return root;
    }

    /** The node's id in meshviewer: see the class comment. */
    static String nodeId(Node n) {
        String respondd = n.attributes().get(NodeAttributes.RESPONDD_NODE_ID);
        if (respondd != null && VALID_ID.matcher(respondd).matches()) {
            return respondd;
        }
        String mac = mac(n);
        if (mac != null) {
            return mac.replace(":", "");
        }
        String id = n.id().value();
        return VALID_ID.matcher(id).matches() ? id : HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> node(Node n, String id, Map<String, String> idByMac, Instant now) {
        Map<String, String> a = n.attributes();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("firstseen", TIME.format(n.firstSeen()));
        node.put("lastseen", TIME.format(n.lastSeen()));
        node.put("is_online", n.isUp());
        node.put("is_gateway", n.role() == NodeRole.GATEWAY);
        int wifi24 = count(a.get(NodeAttributes.CLIENTS_WIFI24));
        int wifi5 = count(a.get(NodeAttributes.CLIENTS_WIFI5));
        int clients = clients(n);
        node.put("clients", clients);
        node.put("clients_wifi24", wifi24);
        node.put("clients_wifi5", wifi5);
        node.put("clients_other", Math.max(0, clients - wifi24 - wifi5));
        long uptime = count(a.get(NodeAttributes.UPTIME_S));
        if (uptime > 0) {
            node.put("uptime", TIME.format(now.minusSeconds(uptime)));
        }
        putGateway(node, "gateway", a.get(NodeAttributes.GATEWAY), idByMac);
        putGateway(node, "gateway_nexthop", a.get(NodeAttributes.GATEWAY_NEXTHOP), idByMac);
        node.put("node_id", id);
        Map<String, Object> network = new LinkedHashMap<>();
        String mac = mac(n);
        network.put("mac", mac == null ? "" : mac);
        network.put("addresses", n.addresses().stream().filter(x -> !MAC.matcher(x.toLowerCase(Locale.ROOT)).matches())
                .toList());
        node.put("network", network);
        putIfKnown(node, "site_code", a.get(NodeAttributes.SITE));
        node.put("hostname", a.getOrDefault(NodeAttributes.HOSTNAME, n.id().value()));
        putIfKnown(node, "owner", a.get(NodeAttributes.CONTACT));
        Double lat = coordinate(a.get(NodeAttributes.LATITUDE), 90);
        Double lon = coordinate(a.get(NodeAttributes.LONGITUDE), 180);
        if (lat != null && lon != null) {
            node.put("location", Map.of("latitude", lat, "longitude", lon));
        }
        String firmware = a.get(NodeAttributes.FIRMWARE);
        node.put("firmware", firmware == null ? Map.of() : Map.of("release", firmware));
        node.put("autoupdater", Map.of("enabled", false));
        node.put("nproc", 0);
        putIfKnown(node, "model", a.get(NodeAttributes.MODEL));
        node.put("vpn", false);
        return node;
    }

    /** One entry per pair of nodes, as yanic writes them, each direction's TQ on its own. */
    private static List<Map<String, Object>> links(TopologySnapshot snapshot, Map<NodeId, String> ids) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (Link link : snapshot.links().values()) {
            Link reverse = snapshot.links().get(link.id().reversed());
            if (reverse != null && link.from().compareTo(link.to()) > 0) {
                continue; // written with its reverse, from the lower id
            }
            Node source = snapshot.nodes().get(link.from());
            Node target = snapshot.nodes().get(link.to());
            if (source == null || target == null) {
                continue;
            }
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", type(link, reverse));
            l.put("source", ids.get(link.from()));
            l.put("target", ids.get(link.to()));
            l.put("source_tq", tq(link));
            l.put("target_tq", reverse == null ? 0.0 : tq(reverse));
            l.put("source_addr", macOrEmpty(source));
            l.put("target_addr", macOrEmpty(target));
            links.add(l);
        }
        return links;
    }

    private static String type(Link link, Link reverse) {
        LinkMedium m = link.metrics().medium();
        if (m == LinkMedium.UNKNOWN && reverse != null) {
            m = reverse.metrics().medium();
        }
        return linkType(m);
    }

    /** A link's kind as meshviewer names it. */
    static String linkType(LinkMedium medium) {
        return switch (medium) {
            case WIRELESS -> "wifi";
            case TUNNEL -> "vpn";
            default -> "other";
        };
    }

    private static double tq(Link link) {
        Integer tq = link.metrics().tq();
        return tq != null ? Math.max(0, Math.min(255, tq)) / 255.0 : link.quality().score();
    }

    private static void putGateway(Map<String, Object> node, String key, String mac, Map<String, String> idByMac) {
        if (mac != null && !mac.isEmpty()) {
            node.put(key, idByMac.getOrDefault(mac.toLowerCase(Locale.ROOT), mac));
        }
    }

    private static void putIfKnown(Map<String, Object> node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }

    /** All clients of the node: the total it reports, at least what its radios count. */
    static int clients(Node n) {
        Map<String, String> a = n.attributes();
        long radios = (long) count(a.get(NodeAttributes.CLIENTS_WIFI24)) + count(a.get(NodeAttributes.CLIENTS_WIFI5));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(count(a.get(NodeAttributes.CLIENTS)), radios));
    }

    static boolean isMac(String address) {
        return MAC.matcher(address.toLowerCase(Locale.ROOT)).matches();
    }

    /** A count attribute, 0 when missing or not a non-negative number (attributes come from the mesh). */
    private static int count(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Double coordinate(String value, double bound) {
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) && Math.abs(d) <= bound ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String macOrEmpty(Node n) {
        String mac = mac(n);
        return mac == null ? "" : mac;
    }

    /** The node's first MAC address in lower case, or null. */
    static String mac(Node n) {
        for (String a : n.addresses()) {
            if (isMac(a)) {
                return a.toLowerCase(Locale.ROOT);
            }
        }
        String id = n.id().value().toLowerCase(Locale.ROOT);
        return MAC.matcher(id).matches() ? id : null; // batman-adv nodes are named by originator MAC
    }
}
