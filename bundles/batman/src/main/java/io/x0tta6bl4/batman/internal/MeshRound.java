package io.x0tta6bl4.batman.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;

/**
 * One poll of the originator table turned into topology observations. Nodes are
 * originators (their primary MAC); this node is the mesh's primary hard-interface address.
 * Only one-hop originators give links (this node to the neighbour, with the TQ or
 * throughput batman-adv measured); the local table says nothing about links between two
 * remote nodes. An originator silent for longer than the threshold is left out and listed
 * as silent, long before batman-adv purges it.
 *
 * @param self   this node
 * @param nodes  nodes seen within the threshold, this node first
 * @param links  measured one-hop links from this node
 * @param best   the best route to every originator in the table, silent ones included
 * @param silent originators past the threshold, with their last_seen_msecs, and those cut off
 * @param cut    originators whose every route leaves through a hard interface without carrier,
 *               with that interface: down at once, whatever their last_seen says
 * @param owners secondary interface addresses batadv-vis names, each with the node that owns it:
 *               B.A.T.M.A.N. IV's OGMs of a secondary interface make it an originator of its own,
 *               heard one hop away only
 */
public record MeshRound(NodeId self, List<NodeObservation> nodes, List<LinkObservation> links,
                        Map<NodeId, Originator> best, Map<NodeId, Long> silent, Map<NodeId, String> cut,
                        Map<NodeId, NodeId> owners) {

    public static final String ATTR_GW_MODE = "batman.gw_mode";
    public static final String ATTR_GATEWAY = "batman.gateway";
    public static final String ATTR_GATEWAY_NEXT_HOP = "batman.gateway.nexthop";
    public static final String ATTR_GATEWAY_TQ = "batman.gateway.tq";
    public static final String ATTR_GATEWAY_THROUGHPUT = "batman.gateway.throughput.kbps";

    public static MeshRound of(MeshInfo mesh, List<Originator> originators, Instant now, long downAfterMs) {
        return of(mesh, originators, now, downAfterMs, Set.of());
    }

    /** @param noCarrier hard interfaces whose lower layer is down: routes over them lead nowhere */
    public static MeshRound of(MeshInfo mesh, List<Originator> originators, Instant now, long downAfterMs,
                               Set<String> noCarrier) {
        NodeId self = NodeId.of(mesh.primaryAddress() != null ? mesh.primaryAddress() : mesh.address());
        Map<NodeId, Originator> best = new LinkedHashMap<>();
        for (Originator o : originators) {
            NodeId id = NodeId.of(o.address());
            Originator known = best.get(id);
            // Kernel dumps flag one best route per originator; without a flag keep the freshest.
            if (known == null || (o.best() && !known.best())
                    || (o.best() == known.best() && o.lastSeenMs() < known.lastSeenMs())) {
                best.put(id, o);
            }
        }
        List<NodeObservation> nodes = new ArrayList<>();
        List<LinkObservation> links = new ArrayList<>();
        Map<NodeId, Long> silent = new LinkedHashMap<>();
        Map<NodeId, String> cut = new LinkedHashMap<>();
        List<String> selfAddresses = new ArrayList<>();
        selfAddresses.add(self.value());
        if (!mesh.address().equals(self.value())) {
            selfAddresses.add(mesh.address());
        }
        Map<String, String> selfAttrs = new LinkedHashMap<>(Map.of("batman.algorithm", mesh.algorithm(),
                "batman.version", mesh.version(), "batman.interface", mesh.ifname()));
        selfAttrs.put(NodeAttributes.RESPONDD_NODE_ID, gluonId(self.value()));
        if (mesh.gateway() != null) {
            selfAttrs.put(ATTR_GW_MODE, mesh.gateway().line());
        }
        nodes.add(new NodeObservation(self, selfAddresses, NodeRole.SELF, selfAttrs, now));
        for (Map.Entry<NodeId, Originator> e : best.entrySet()) {
            NodeId id = e.getKey();
            Originator o = e.getValue();
            if (id.equals(self)) {
                continue;
            }
            if (!noCarrier.isEmpty() && originators.stream()
                    .allMatch(r -> !r.address().equals(o.address()) || noCarrier.contains(r.hardIfname()))) {
                cut.put(id, o.hardIfname());
                silent.put(id, o.lastSeenMs());
                continue;
            }
            if (o.lastSeenMs() > downAfterMs) {
                silent.put(id, o.lastSeenMs());
                continue;
            }
            Instant seen = now.minusMillis(o.lastSeenMs());
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put(Node.ATTR_NEXT_HOP, o.neighbor());
            attrs.put(NodeAttributes.RESPONDD_NODE_ID, gluonId(o.address()));
            attrs.put("batman.interface", o.hardIfname());
            attrs.put("batman.direct", Boolean.toString(o.direct()));
            if (o.tq() != null) {
                attrs.put("batman.tq", o.tq().toString());
            }
            if (o.throughputKbps() != null) {
                attrs.put("batman.throughput.kbps", o.throughputKbps().toString());
            }
            nodes.add(new NodeObservation(id, List.of(o.address()), NodeRole.PEER, attrs, seen));
            if (o.direct()) {
                links.add(new LinkObservation(new LinkId(self, id), metrics(o), seen));
            }
        }
        return new MeshRound(self, List.copyOf(nodes), List.copyOf(links), Map.copyOf(best), Map.copyOf(silent),
                Map.copyOf(cut), Map.of());
    }

    /**
     * Adds the links batadv-vis reports between other nodes (alfred type 1), so the topology
     * holds the whole mesh and not only this node's one-hop links. Only links whose two ends
     * are up in this round are added; this node's own links stay those of its originator table.
     */
    public MeshRound withGraph(MeshGraph graph) {
        if (graph == null) {
            return this;
        }
        Set<NodeId> up = new HashSet<>();
        nodes.forEach(n -> up.add(n.id()));
        Instant at = nodes.get(0).at();
        List<LinkObservation> all = new ArrayList<>(links);
        Set<LinkId> seen = new HashSet<>();
        links.forEach(l -> seen.add(l.id()));
        // A neighbour heard on one of its secondary interfaces: its best route's next hop is not its
        // originator address but an interface batadv-vis says it owns. It is one hop away all the same.
        // Its addresses gain that interface, so a next hop named by it is found as this node.
        List<NodeObservation> known = new ArrayList<>(nodes.size());
        for (NodeObservation n : nodes) {
            Originator o = best.get(n.id());
            if (o == null || n.id().equals(self) || o.direct()
                    || !graph.interfaces().getOrDefault(o.address(), List.of()).contains(o.neighbor())) {
                known.add(n);
                continue;
            }
            List<String> addresses = new ArrayList<>(n.addresses());
            if (!addresses.contains(o.neighbor())) {
                addresses.add(o.neighbor());
            }
            known.add(new NodeObservation(n.id(), addresses, n.role(), n.attributes(), n.at()));
            LinkId id = new LinkId(self, n.id());
            if (seen.add(id)) {
                all.add(new LinkObservation(id, metrics(o), n.at()));
            }
        }
        for (MeshGraph.Edge e : graph.links()) {
            NodeId from;
            NodeId to;
            try {
                from = NodeId.of(e.from());
                to = NodeId.of(e.to());
            } catch (IllegalArgumentException bad) {
                continue;
            }
            LinkId id = new LinkId(from, to);
            if (!from.equals(self) && up.contains(from) && up.contains(to) && seen.add(id)) {
                all.add(new LinkObservation(id, LinkMetrics.ofTq(e.tq()), at));
            }
        }
        Map<NodeId, NodeId> owned = new LinkedHashMap<>();
        graph.interfaces().forEach((primary, macs) -> macs.forEach(mac -> {
            try {
                if (!mac.equals(primary)) {
                    owned.putIfAbsent(NodeId.of(mac), NodeId.of(primary));
                }
            } catch (IllegalArgumentException bad) {
                // not a MAC: batadv-vis records are the neighbours' word, nothing to map
            }
        }));
        return new MeshRound(self, List.copyOf(known), List.copyOf(all), best, silent, cut, Map.copyOf(owned))
                .foldedSecondaries();
    }

    /**
     * Folds the originators of other nodes' secondary interfaces into their owners. Under
     * B.A.T.M.A.N. IV a secondary interface sends OGMs under its own address, heard one hop away,
     * which would show as a node of its own with no identity. Its address becomes one of the
     * owner's, its link the owner's (unless the owner has that link already), and it leaves the
     * round, so neither the tracker nor the topology sees it. Only when the owner is in the table.
     */
    private MeshRound foldedSecondaries() {
        Set<NodeId> secondaries = new HashSet<>();
        for (NodeId id : best.keySet()) {
            NodeId owner = owners.get(id);
            if (owner != null && !owner.equals(id) && !id.equals(self) && best.containsKey(owner)) {
                secondaries.add(id);
            }
        }
        if (secondaries.isEmpty()) {
            return this;
        }
        List<NodeObservation> folded = new ArrayList<>(nodes.size());
        for (NodeObservation n : nodes) {
            if (secondaries.contains(n.id())) {
                continue;
            }
            List<String> addresses = new ArrayList<>(n.addresses());
            secondaries.stream().filter(x -> owners.get(x).equals(n.id()) && !addresses.contains(x.value()))
                    .forEach(x -> addresses.add(x.value()));
            folded.add(addresses.size() == n.addresses().size() ? n
                    : new NodeObservation(n.id(), addresses, n.role(), n.attributes(), n.at()));
        }
        Set<LinkId> have = new HashSet<>();
        List<LinkObservation> kept = new ArrayList<>();
        for (LinkObservation l : links) {
            if (!secondaries.contains(l.id().from()) && !secondaries.contains(l.id().to())) {
                have.add(l.id());
                kept.add(l);
            }
        }
        for (LinkObservation l : links) {
            if (secondaries.contains(l.id().from()) || secondaries.contains(l.id().to())) {
                LinkId moved = new LinkId(owner(l.id().from()), owner(l.id().to()));
                if (!moved.from().equals(moved.to()) && have.add(moved)) {
                    kept.add(new LinkObservation(moved, l.metrics(), l.at()));
                }
            }
        }
        Map<NodeId, Originator> b = new LinkedHashMap<>(best);
        Map<NodeId, Long> s = new LinkedHashMap<>(silent);
        Map<NodeId, String> c = new LinkedHashMap<>(cut);
        b.keySet().removeAll(secondaries);
        s.keySet().removeAll(secondaries);
        c.keySet().removeAll(secondaries);
        return new MeshRound(self, List.copyOf(folded), List.copyOf(kept), Map.copyOf(b), Map.copyOf(s), Map.copyOf(c),
                owners);
    }

    /**
     * This node's selected gateway (a client's choice) on its own node: originator, next hop and
     * TQ or throughput, so {@code mesh:node} shows where this node's internet traffic goes.
     */
    /**
     * The links this node hears, with the medium of the hard interface each is heard on
     * ({@code media} maps an interface name to it); a link whose provider already named a
     * medium, or that names no interface, is left as it is.
     */
    public MeshRound withMedia(Function<String, LinkMedium> media) {
        List<LinkObservation> out = new ArrayList<>(links.size());
        Map<String, LinkMedium> seen = new HashMap<>();
        for (LinkObservation l : links) {
            LinkMetrics m = l.metrics();
            LinkMedium medium = m.iface() == null || m.medium() != LinkMedium.UNKNOWN ? LinkMedium.UNKNOWN
                    : seen.computeIfAbsent(m.iface(), media);
            out.add(medium == LinkMedium.UNKNOWN ? l : new LinkObservation(l.id(), new LinkMetrics(m.latencyMs(),
                    m.throughputMbps(), m.loss(), m.tq(), m.babelCost(), medium, m.iface()), l.at()));
        }
        return new MeshRound(self, nodes, List.copyOf(out), best, silent, cut, owners);
    }

    public MeshRound withSelectedGateway(Gateway selected) {
        if (selected == null) {
            return this;
        }
        NodeObservation me = nodes.get(0);
        Map<String, String> attrs = new LinkedHashMap<>(me.attributes());
        attrs.put(ATTR_GATEWAY, selected.originator());
        attrs.put(NodeAttributes.GATEWAY, selected.originator());
        if (selected.router() != null) {
            attrs.put(ATTR_GATEWAY_NEXT_HOP, selected.router());
            attrs.put(NodeAttributes.GATEWAY_NEXTHOP, selected.router());
        }
        if (selected.tq() != null) {
            attrs.put(ATTR_GATEWAY_TQ, selected.tq().toString());
        }
        if (selected.throughputKbps() != null) {
            attrs.put(ATTR_GATEWAY_THROUGHPUT, selected.throughputKbps().toString());
        }
        List<NodeObservation> all = new ArrayList<>(nodes);
        all.set(0, new NodeObservation(me.id(), me.addresses(), me.role(), attrs, me.at()));
        return new MeshRound(self, List.copyOf(all), links, best, silent, cut, owners);
    }

    /** A node's id as Gluon, respondd and meshviewer write it: its originator MAC without colons. */
    static String gluonId(String mac) {
        return mac.replace(":", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The node an address belongs to: its owner when it is a secondary interface batadv-vis names, else itself. */
    public NodeId owner(NodeId address) {
        return owners.getOrDefault(address, address);
    }

    /** Every address of a node this round knows: its own, those of its observation and its secondary interfaces. */
    public Set<String> addressesOf(NodeId node) {
        Set<String> out = new java.util.LinkedHashSet<>();
        out.add(node.value());
        nodes.stream().filter(n -> n.id().equals(node)).findFirst().ifPresent(n -> out.addAll(n.addresses()));
        owners.forEach((mac, owner) -> {
            if (owner.equals(node)) {
                out.add(mac.value());
            }
        });
        return out;
    }

    static LinkMetrics metrics(Originator o) {
        LinkMetrics m = o.tq() != null ? LinkMetrics.ofTq(o.tq())
                : LinkMetrics.ofThroughput(o.throughputKbps() / 1000.0, LinkMedium.UNKNOWN);
        try {
            return o.hardIfname() == null || o.hardIfname().isEmpty() ? m : m.onInterface(o.hardIfname());
        } catch (IllegalArgumentException e) {
            return m; // not an interface name (a batctl backend's odd output): the link without one
        }
    }
}
