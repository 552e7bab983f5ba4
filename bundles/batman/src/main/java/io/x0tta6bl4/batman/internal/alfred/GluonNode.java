package io.x0tta6bl4.batman.internal.alfred;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** A real nodeinfo or neighbours record is a few KiB unpacked; far more is a gzip bomb. */
    public static final int MAX_JSON = 256 * 1024;
    /** What all respondd records of one poll round may unpack to together. */
    public static final long MAX_ROUND = 4L * 1024 * 1024;

    /**
     * How many unpacked bytes the respondd records of one poll round may still take: a record
     * of at most 64 KiB in alfred can unpack to 64 MiB, and alfred holds one per neighbour.
     * One round's reader thread.
     */
    public static final class InflateBudget {

        private long left;

        public InflateBudget(long total) {
            left = total;
        }

        public long left() {
            return left;
        }
    }

    /** Unpacks a respondd record: gzip JSON as Gluon sends it, or plain JSON. */
    public static JsonNode json(byte[] data) throws AlfredFormatException {
        return json(data, new InflateBudget(MAX_JSON));
    }

    /**
     * Unpacks a respondd record within {@link #MAX_JSON} and what is left of the round's
     * {@code budget}, which is charged with every unpacked byte (also of a refused record):
     * only that much is ever inflated, so a bomb costs bounded heap and time.
     */
    public static JsonNode json(byte[] data, InflateBudget budget) throws AlfredFormatException {
        try {
            InputStream in = new ByteArrayInputStream(data);
            if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
                in = new GZIPInputStream(in);
            }
            int limit = (int) Math.min(MAX_JSON, budget.left);
            byte[] json = in.readNBytes(limit + 1);
            budget.left -= Math.min(json.length, limit);
            if (json.length > limit) {
                throw new AlfredFormatException(limit == MAX_JSON
                        ? "respondd record unpacks to more than " + MAX_JSON + " bytes (refused as a gzip bomb)"
                        : "respondd records of this round unpack to more than " + MAX_ROUND + " bytes in all");
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
        return of(nodeinfo, neighbours, new InflateBudget(2L * MAX_JSON));
    }

    /** As {@link #of(byte[], byte[])}, both records unpacked within the round's {@code budget}. */
    public static GluonNode of(byte[] nodeinfo, byte[] neighbours, InflateBudget budget) throws AlfredFormatException {
        JsonNode info = json(nodeinfo, budget);
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
            JsonNode n = json(neighbours, budget);
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
    public VisNode toVis(Set<String> originators) {
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
