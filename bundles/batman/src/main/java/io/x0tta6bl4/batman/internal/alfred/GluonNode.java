package io.x0tta6bl4.batman.internal.alfred;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a Gluon (Freifunk firmware) node announces through alfred: respondd's nodeinfo
 * (type 158) and neighbours (type 160), gzip-compressed JSON. Statistics (159) are kept as
 * raw JSON. Enough to name nodes and join their batman-adv neighbours into the mesh graph.
 *
 * @param nodeId     Gluon's node id (the primary MAC without colons)
 * @param hostname   the node's name, or null
 * @param firmware   the firmware release, or null
 * @param interfaces MACs of its batman-adv hard interfaces (from nodeinfo), possibly empty
 * @param neighbours batman-adv neighbours per interface (from the neighbours record), possibly empty
 */
public record GluonNode(String nodeId, String hostname, String firmware, List<String> interfaces,
                        List<VisNode.Link> neighbours) {

    public static final int NODEINFO = 158;
    public static final int STATISTICS = 159;
    public static final int NEIGHBOURS = 160;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_JSON = 1 << 20;

    /** Unpacks a respondd record: gzip JSON as Gluon sends it, or plain JSON. */
    public static JsonNode json(byte[] data) throws AlfredFormatException {
        try {
            InputStream in = new ByteArrayInputStream(data);
            if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
                in = new GZIPInputStream(in);
            }
            byte[] json = in.readNBytes(MAX_JSON + 1);
            if (json.length > MAX_JSON) {
                throw new AlfredFormatException("respondd record unpacks to more than " + MAX_JSON + " bytes");
            }
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new AlfredFormatException("respondd record is not a JSON object");
            }
            return node;
        } catch (AlfredFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AlfredFormatException("respondd record is not gzip JSON: " + e.getMessage());
        }
    }

    /** @param nodeinfo type 158 record; @param neighbours type 160 record of the same node, or null */
    public static GluonNode of(byte[] nodeinfo, byte[] neighbours) throws AlfredFormatException {
        JsonNode info = json(nodeinfo);
        String id = text(info.get("node_id"));
        if (id == null) {
            throw new AlfredFormatException("respondd nodeinfo without node_id");
        }
        List<String> ifaces = new ArrayList<>();
        for (JsonNode mesh : iterable(info.path("network").path("mesh"))) {
            for (JsonNode kind : iterable(mesh.path("interfaces"))) {
                kind.forEach(mac -> addMac(ifaces, text(mac)));
            }
        }
        List<VisNode.Link> links = new ArrayList<>();
        if (neighbours != null) {
            JsonNode n = json(neighbours);
            Iterator<Map.Entry<String, JsonNode>> ifs = n.path("batadv").fields();
            while (ifs.hasNext()) {
                Map.Entry<String, JsonNode> ifEntry = ifs.next();
                Iterator<Map.Entry<String, JsonNode>> nbs = ifEntry.getValue().path("neighbours").fields();
                while (nbs.hasNext()) {
                    Map.Entry<String, JsonNode> nb = nbs.next();
                    int tq = nb.getValue().path("tq").asInt(0);
                    if (tq > 0 && tq <= 255) {
                        links.add(new VisNode.Link(ifEntry.getKey().toLowerCase(), nb.getKey().toLowerCase(), tq));
                    }
                }
            }
        }
        return new GluonNode(id, text(info.get("hostname")),
                text(info.path("software").path("firmware").get("release")), List.copyOf(ifaces), List.copyOf(links));
    }

    /**
     * The node as a batadv-vis record, so {@link MeshGraph} joins it like any other: its
     * originator is the interface batman-adv lists as an originator, else its first one.
     */
    public VisNode toVis(java.util.Set<String> originators) {
        String primary = interfaces.stream().filter(originators::contains).findFirst()
                .orElse(interfaces.isEmpty() ? null : interfaces.get(0));
        if (primary == null) {
            return null;
        }
        List<String> ifaces = new ArrayList<>(interfaces);
        neighbours.forEach(l -> {
            if (!ifaces.contains(l.router())) {
                ifaces.add(l.router());
            }
        });
        return new VisNode(primary, List.copyOf(ifaces), neighbours, List.of());
    }

    private static void addMac(List<String> macs, String mac) {
        if (mac != null && !macs.contains(mac.toLowerCase())) {
            macs.add(mac.toLowerCase());
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isObject() ? node::elements : List.of();
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
