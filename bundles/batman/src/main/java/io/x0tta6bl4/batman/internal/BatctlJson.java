package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses batctl's JSON tables ({@code oj}, {@code nj}, {@code hj}, {@code mj}, {@code gwj},
 * {@code tgj}, {@code tlj}) into the same rows as the netlink decoder. Field names are
 * those of batctl's netlink attribute names in lower case.
 */
public final class BatctlJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatctlJson() {
    }

    public static List<Originator> originators(String json) throws IOException {
        return rows(json, "originators", n -> new Originator(text(n, "orig_address"), text(n, "neigh_address"),
                text(n, "hard_ifname"), (int) number(n, "hard_ifindex"), number(n, "last_seen_msecs"),
                n.has("tq") ? (int) number(n, "tq") : null, n.has("throughput") ? number(n, "throughput") : null,
                n.path("best").asBoolean(false)));
    }

    public static List<Neighbor> neighbors(String json) throws IOException {
        return rows(json, "neighbors", n -> new Neighbor(text(n, "neigh_address"), text(n, "hard_ifname"),
                (int) number(n, "hard_ifindex"), number(n, "last_seen_msecs"),
                n.has("throughput") ? number(n, "throughput") : null));
    }

    public static List<HardInterface> interfaces(String json) throws IOException {
        return rows(json, "hard interfaces", n -> new HardInterface(text(n, "hard_ifname"),
                (int) number(n, "hard_ifindex"), text(n, "hard_address"), n.path("active").asBoolean(false),
                n.has("hop_penalty") ? (int) number(n, "hop_penalty") : null,
                n.has("throughput_override") ? number(n, "throughput_override") : null));
    }

    public static List<Gateway> gateways(String json) throws IOException {
        return rows(json, "gateways", n -> new Gateway(text(n, "orig_address"), optText(n, "router"),
                optText(n, "hard_ifname"), n.path("best").asBoolean(false),
                n.has("tq") ? (int) number(n, "tq") : null, n.has("throughput") ? number(n, "throughput") : null,
                n.has("bandwidth_down") ? number(n, "bandwidth_down") : null,
                n.has("bandwidth_up") ? number(n, "bandwidth_up") : null));
    }

    /** batctl prints an untagged entry's VLAN as -1 where netlink says 0, and the flags as an object with {@code raw}. */
    public static List<TranslationEntry> translations(String json) throws IOException {
        return rows(json, "translation table", n -> new TranslationEntry(text(n, "tt_address"),
                optText(n, "orig_address"), Math.max(0, n.path("tt_vid").asInt(-1)),
                n.path("tt_flags").isObject() ? n.path("tt_flags").path("raw").asLong(0) : n.path("tt_flags").asLong(0),
                n.path("best").asBoolean(false)));
    }

    public static MeshInfo mesh(String json) throws IOException {
        JsonNode n = read(json, "mesh");
        if (!n.isObject()) {
            throw new IOException("batctl mesh JSON is not an object");
        }
        try {
            return new MeshInfo(text(n, "version"), text(n, "algo_name"), text(n, "mesh_ifname"),
                    (int) number(n, "mesh_ifindex"), text(n, "mesh_address"), optText(n, "hard_ifname"),
                    optText(n, "hard_address"), n.has("orig_interval") ? number(n, "orig_interval") : null,
                    n.has("gw_mode") ? new GatewayMode(text(n, "gw_mode"), n.path("gw_bandwidth_down").asLong(0),
                            n.path("gw_bandwidth_up").asLong(0)) : null);
        } catch (IllegalArgumentException e) {
            throw new IOException("batctl mesh JSON: " + e.getMessage());
        }
    }

    private static JsonNode read(String json, String what) throws IOException {
        try {
            return MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IOException("batctl " + what + " output is not JSON: " + e.getOriginalMessage());
        }
    }

    private static <T> List<T> rows(String json, String what, Function<JsonNode, T> row) throws IOException {
        JsonNode root = read(json, what);
        if (!root.isArray()) {
            throw new IOException("batctl " + what + " JSON is not an array");
        }
        List<T> out = new ArrayList<>();
        for (JsonNode n : root) {
            try {
                out.add(row.apply(n));
            } catch (IllegalArgumentException e) {
                throw new IOException("batctl " + what + " JSON row " + out.size() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || v.asLong() < 0) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a non-negative integer");
        }
        return v.asLong();
    }
}
