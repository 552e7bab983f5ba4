package io.x0tta6bl4.batman.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.respondd.RespondProvider;

/**
 * batman-adv's part of this node's respondd replies, in the shapes Gluon's batman-adv
 * respondd module gives them: node id and network (primary MAC, addresses, hard interfaces by
 * kind), batman-adv's version, traffic of the mesh interface, clients of the local translation
 * table, the selected gateway, and the one-hop neighbours per hard interface. Immutable: built
 * on the poller thread, read on the responder's.
 */
public record RespondPart(Map<String, Object> nodeinfo, Map<String, Object> statistics,
                          Map<String, Object> neighbours) {

    /** batman-adv's compatibility version since 2013.2, as Gluon reports it. */
    static final int COMPAT = 15;
    /** BATADV_TT_CLIENT_WIFI: the client is behind a wireless interface. */
    static final long TT_CLIENT_WIFI = 1 << 4;
    /** BATADV_TT_CLIENT_NOPURGE: the node's own addresses (the mesh interface's MAC), not clients. */
    static final long TT_CLIENT_NOPURGE = 1 << 8;

    public static final RespondPart EMPTY = new RespondPart(Map.of(), Map.of(), Map.of());

    /** What one refresh read; every list may be empty where a read failed. */
    public record Inputs(MeshInfo mesh, List<Originator> originators, List<HardInterface> hardifs,
                         Map<String, String> kinds, List<TranslationEntry> local, Map<String, Long> traffic,
                         List<String> addresses, Gateway gateway) {
    }

    public static RespondPart of(Inputs in) {
        if (in.mesh() == null) {
            return EMPTY;
        }
        String primary = in.mesh().primaryAddress() != null ? in.mesh().primaryAddress() : in.mesh().address();
        String nodeId = MeshRound.gluonId(primary);
        return new RespondPart(nodeinfo(in, primary, nodeId), statistics(in, nodeId), neighbours(in, nodeId));
    }

    public Map<String, Object> part(String type) {
        return switch (type) {
            case RespondProvider.NODEINFO -> nodeinfo;
            case RespondProvider.STATISTICS -> statistics;
            case RespondProvider.NEIGHBOURS -> neighbours;
            default -> Map.of();
        };
    }

    private static Map<String, Object> nodeinfo(Inputs in, String primary, String nodeId) {
        Map<String, List<String>> byKind = new TreeMap<>();
        for (HardInterface h : in.hardifs()) {
            byKind.computeIfAbsent(in.kinds().getOrDefault(h.name(), "other"), k -> new ArrayList<>()).add(h.address());
        }
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("mac", primary);
        if (!in.addresses().isEmpty()) {
            network.put("addresses", in.addresses());
        }
        if (!byKind.isEmpty()) {
            network.put("mesh", Map.of(in.mesh().ifname(), Map.of("interfaces", byKind)));
        }
        Map<String, Object> batman = new LinkedHashMap<>();
        batman.put("version", in.mesh().version());
        batman.put("compat", COMPAT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node_id", nodeId);
        out.put("network", network);
        out.put("software", Map.of("batman-adv", batman));
        return out;
    }

    private static Map<String, Object> statistics(Inputs in, String nodeId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node_id", nodeId);
        Map<String, Object> traffic = new LinkedHashMap<>();
        counters(in.traffic(), "rx", traffic, false);
        counters(in.traffic(), "tx", traffic, true);
        counters(in.traffic(), "forward", traffic, false);
        counters(in.traffic(), "mgmt_rx", traffic, false);
        counters(in.traffic(), "mgmt_tx", traffic, false);
        if (!traffic.isEmpty()) {
            out.put("traffic", traffic);
        }
        if (!in.local().isEmpty()) {
            long total = 0;
            long wifi = 0;
            for (TranslationEntry e : in.local()) {
                if ((e.flags() & TT_CLIENT_NOPURGE) != 0) {
                    continue;
                }
                total++;
                if ((e.flags() & TT_CLIENT_WIFI) != 0) {
                    wifi++;
                }
            }
            out.put("clients", Map.of("total", total, "wifi", wifi));
        }
        Gateway g = in.gateway();
        if (g != null) {
            out.put("gateway", g.originator());
            if (g.router() != null) {
                out.put("gateway_nexthop", g.router());
            }
            if (g.tq() != null) {
                out.put("gateway_tq", g.tq());
            }
        }
        return out;
    }

    private static void counters(Map<String, Long> sys, String dir, Map<String, Object> traffic, boolean dropped) {
        Long bytes = sys.get(dir + "_bytes");
        Long packets = sys.get(dir + "_packets");
        if (bytes == null || packets == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", bytes);
        m.put("packets", packets);
        Long drop = sys.get(dir + "_dropped");
        if (dropped && drop != null) {
            m.put("dropped", drop);
        }
        traffic.put(dir, m);
    }

    /**
     * One entry per hard interface MAC with the direct originators heard on it: under
     * B.A.T.M.A.N. IV their TQ (0..255), under V the throughput in kbit/s, which has no TQ.
     */
    private static Map<String, Object> neighbours(Inputs in, String nodeId) {
        Map<String, String> macOf = new LinkedHashMap<>();
        in.hardifs().forEach(h -> macOf.put(h.name(), h.address()));
        Map<String, Map<String, Object>> perIface = new TreeMap<>();
        for (Originator o : in.originators()) {
            String mac = macOf.get(o.hardIfname());
            if (!o.direct() || mac == null) {
                continue;
            }
            Map<String, Object> n = new LinkedHashMap<>();
            if (o.tq() != null) {
                n.put("tq", o.tq());
            }
            if (o.throughputKbps() != null) {
                n.put("throughput", o.throughputKbps());
            }
            n.put("lastseen", o.lastSeenMs() / 1000.0);
            perIface.computeIfAbsent(mac, k -> new TreeMap<>()).put(o.address(), n);
        }
        Map<String, Object> batadv = new TreeMap<>();
        perIface.forEach((mac, nbs) -> batadv.put(mac, Map.of("neighbours", nbs)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node_id", nodeId);
        out.put("batadv", batadv);
        return out;
    }
}
