package io.x0tta6bl4.respondd.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * What one respondd reply says about the node that sent it, as topology attributes
 * ({@link NodeAttributes}): only well-formed values, each text cut to 64 printable characters,
 * every number within its range. These facts name and describe a node; they never make one up,
 * revive one, or move a link, even when signed (a signature proves who said it, not that the
 * node is reachable).
 *
 * @param nodeId     respondd's node id (12 hex digits)
 * @param macs       the MACs the node claims, its primary first, then its mesh interfaces'
 * @param attributes the attributes for the topology
 * @param signer     the node whose verified signature covers the reply, or null when unsigned or not verified
 */
record ReplyFacts(String nodeId, List<String> macs, Map<String, String> attributes, NodeId signer) {

    static final int MAX_TEXT = 64;
    /** A node has a handful of mesh interfaces; a reply listing more is not believed past this. */
    static final int MAX_MACS = 16;
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    /** The same facts, vouched for by the node {@code node}'s signature ({@link ReplySignature}). */
    ReplyFacts signedBy(NodeId node) {
        return new ReplyFacts(nodeId, macs, attributes, node);
    }

    /** The facts of a reply with {@code nodeinfo} (and optionally {@code statistics}), or why not. */
    static Optional<ReplyFacts> of(JsonNode reply) {
        JsonNode info = reply.path("nodeinfo");
        String id = info.path("node_id").asText("").toLowerCase(Locale.ROOT);
        if (!NODE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        List<String> macs = new ArrayList<>();
        addMac(macs, info.path("network").path("mac").asText(""));
        addMac(macs, colons(id)); // Gluon's node id is its primary MAC
        for (JsonNode mesh : info.path("network").path("mesh")) {
            for (JsonNode kind : mesh.path("interfaces")) {
                for (JsonNode mac : kind) {
                    addMac(macs, mac.asText(""));
                }
            }
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put(NodeAttributes.RESPONDD_NODE_ID, id);
        text(a, NodeAttributes.HOSTNAME, info.path("hostname"));
        text(a, NodeAttributes.MODEL, info.path("hardware").path("model"));
        text(a, NodeAttributes.FIRMWARE, info.path("software").path("firmware").path("release"));
        text(a, NodeAttributes.SITE, info.path("system").path("site_code"));
        text(a, NodeAttributes.CONTACT, info.path("owner").path("contact"));
        JsonNode lat = info.path("location").path("latitude");
        JsonNode lon = info.path("location").path("longitude");
        if (within(lat, 90) && within(lon, 180)) {
            a.put(NodeAttributes.LATITUDE, Double.toString(lat.asDouble()));
            a.put(NodeAttributes.LONGITUDE, Double.toString(lon.asDouble()));
        }
        JsonNode stats = reply.path("statistics");
        if (id.equals(stats.path("node_id").asText(""))) {
            count(a, NodeAttributes.CLIENTS, stats.path("clients").path("total"));
            count(a, NodeAttributes.CLIENTS_WIFI24, stats.path("clients").path("wifi24"));
            count(a, NodeAttributes.CLIENTS_WIFI5, stats.path("clients").path("wifi5"));
            JsonNode up = stats.path("uptime");
            if (up.isNumber() && up.asDouble() >= 0 && up.asDouble() < 1e10) {
                a.put(NodeAttributes.UPTIME_S, Long.toString((long) up.asDouble()));
            }
            bytes(a, NodeAttributes.TRAFFIC_RX_BYTES, stats.path("traffic").path("rx").path("bytes"));
            bytes(a, NodeAttributes.TRAFFIC_TX_BYTES, stats.path("traffic").path("tx").path("bytes"));
            mac(a, NodeAttributes.GATEWAY, stats.path("gateway"));
            mac(a, NodeAttributes.GATEWAY_NEXTHOP, stats.path("gateway_nexthop"));
        }
        return Optional.of(new ReplyFacts(id, List.copyOf(macs), Map.copyOf(a), null));
    }

    private static void addMac(List<String> macs, String text) {
        String mac = text.toLowerCase(Locale.ROOT);
        if (macs.size() < MAX_MACS && MAC.matcher(mac).matches() && !macs.contains(mac)) {
            macs.add(mac);
        }
    }

    /** {@code f81a67a601ea} as {@code f8:1a:67:a6:01:ea}. */
    private static String colons(String id) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < id.length(); i += 2) {
            b.append(i == 0 ? "" : ":").append(id, i, i + 2);
        }
        return b.toString();
    }

    /** Printable characters only: a hostname is printed in shells and pages, so no escapes get through. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 2 * MAX_TEXT));
        int kept = 0;
        for (int i = 0; i < s.length() && kept < MAX_TEXT; i += Character.charCount(s.codePointAt(i))) {
            int c = s.codePointAt(i);
            if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT && Character.isDefined(c)) {
                b.appendCodePoint(c);
                kept++;
            }
        }
        return b.toString().strip();
    }

    private static void text(Map<String, String> a, String key, JsonNode v) {
        if (v.isTextual()) {
            String s = printable(v.asText());
            if (!s.isEmpty()) {
                a.put(key, s);
            }
        }
    }

    private static boolean within(JsonNode v, double bound) {
        return v.isNumber() && Double.isFinite(v.asDouble()) && Math.abs(v.asDouble()) <= bound;
    }

    private static void count(Map<String, String> a, String key, JsonNode v) {
        if (v.isIntegralNumber() && v.asLong() >= 0 && v.asLong() <= 1_000_000) {
            a.put(key, Long.toString(v.asLong()));
        }
    }

    /** A byte counter: Gluon sends some as floats (3669258403.0); at most 2^53, where a double stops counting. */
    private static void bytes(Map<String, String> a, String key, JsonNode v) {
        if (v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 9.007199254740992e15 && v.asDouble() == Math.rint(v.asDouble())) {
            a.put(key, Long.toString(v.asLong()));
        }
    }

    private static void mac(Map<String, String> a, String key, JsonNode v) {
        String m = v.asText("").toLowerCase(Locale.ROOT);
        if (v.isTextual() && MAC.matcher(m).matches()) {
            a.put(key, m);
        }
    }
}
