package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Where one of this node's links lives in batman-adv's tables: the hard interfaces that reach
 * the peer directly, and the originators whose best route goes over them. Pure: it reads the
 * tables it is given, so the steering action can ask it before and after a change.
 *
 * @param peer        the far end of the link
 * @param hardifs     this node's hard interfaces with a direct route to the peer, by index
 * @param neighbours  the peer's addresses a route over the link names as next hop
 * @param others      other nodes' neighbour addresses heard on those interfaces (a shared radio)
 * @param affected    originators whose best route uses the link now, with that route
 */
public record LinkRoutes(NodeId peer, Map<Integer, String> hardifs, Set<String> neighbours, Set<String> others,
                         Map<String, Originator> affected) {

    /**
     * @param peerAddresses the addresses the topology knows for the peer besides its originator
     *                      address (batadv-vis names its secondary interfaces)
     */
    public static LinkRoutes of(NodeId peer, Set<String> peerAddresses, List<Originator> originators,
                                List<Neighbor> neighbourTable) {
        Set<String> names = new LinkedHashSet<>();
        names.add(peer.value());
        peerAddresses.forEach(a -> names.add(a.toLowerCase()));
        Map<Integer, String> hardifs = new LinkedHashMap<>();
        for (Originator o : originators) {
            if (NodeId.of(o.address()).equals(peer) && names.contains(o.neighbor())) {
                hardifs.put(o.hardIfindex(), o.hardIfname());
            }
        }
        Set<String> others = new LinkedHashSet<>();
        for (Neighbor n : neighbourTable) {
            if (hardifs.containsKey(n.hardIfindex()) && !names.contains(n.address())) {
                others.add(n.address());
            }
        }
        Map<String, Originator> affected = new LinkedHashMap<>();
        for (Originator o : originators) {
            // the peer's secondary interfaces send OGMs of their own, heard only over the link itself
            boolean peersInterface = names.contains(o.address()) && !NodeId.of(o.address()).equals(peer);
            if (o.best() && !peersInterface && over(o, hardifs, names)) {
                affected.put(o.address(), o);
            }
        }
        return new LinkRoutes(peer, Map.copyOf(hardifs), Set.copyOf(names), Set.copyOf(others), Map.copyOf(affected));
    }

    /**
     * The routes of the link an incident names ({@code self->peer} or {@code peer->self}) in the
     * kernel's tables now, or the result an action returns when there is none to act on: no poll
     * yet, not a link, not one of this node's, or an interface shared with other neighbours (a
     * radio), which a change would take from them too. No hard interface may reach the peer
     * directly now (the caller decides what that means).
     */
    static Lookup lookup(String subject, MeshPoller.Snapshot poll, BatmanBackend backend) throws IOException {
        if (poll == null || poll.round() == null) {
            return Lookup.refused(ActionResult.failed("no batman-adv poll yet"));
        }
        LinkId link;
        try {
            link = LinkId.parse(subject);
        } catch (IllegalArgumentException e) {
            return Lookup.refused(ActionResult.skipped("not a link: " + subject));
        }
        MeshRound round = poll.round();
        NodeId self = round.self();
        NodeId end = link.from().equals(self) ? link.to() : link.to().equals(self) ? link.from() : null;
        if (end == null) {
            return Lookup.refused(ActionResult.skipped("not an end of " + link + " (this node is " + self + ")"));
        }
        // a link to a secondary interface's own originator is a link to the node that owns it
        NodeId peer = round.owner(end);
        LinkRoutes routes = of(peer, round.addressesOf(peer), backend.originators(), backend.neighbors());
        if (!routes.others().isEmpty()) {
            return Lookup.refused(ActionResult.skipped(routes.hardifs().values() + " also carries " + routes.others()
                    + ": a change to the hard interface would take it from them too"));
        }
        return new Lookup(link, routes, null);
    }

    /** See {@link #lookup}: the link and its routes, or the refusal when there are none to act on. */
    record Lookup(LinkId link, LinkRoutes routes, ActionResult refusal) {

        static Lookup refused(ActionResult why) {
            return new Lookup(null, null, why);
        }
    }

    /** Why there is nothing to change when no hard interface reaches the peer directly. */
    String noDirectRoute(String meshInterface) {
        return "no hard interface of " + meshInterface + " reaches " + peer + " directly";
    }

    /** Whether a route goes over the link. */
    public boolean carries(Originator o) {
        return over(o, hardifs, neighbours);
    }

    /**
     * Compares the affected originators' best routes in a later table with this one.
     *
     * @return moved: they now route elsewhere; stuck: still over the link although batman-adv
     *         knows another route; alone: no other route known (the link is their only way)
     */
    public Progress progress(List<Originator> later) {
        List<String> moved = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (String address : affected.keySet()) {
            Originator best = null;
            boolean alternative = false;
            for (Originator o : later) {
                if (!o.address().equals(address)) {
                    continue;
                }
                if (o.best()) {
                    best = o;
                }
                alternative |= !carries(o);
            }
            if (best != null && !carries(best)) {
                moved.add(address);
            } else if (alternative) {
                stuck.add(address);
            } else {
                alone.add(address);
            }
        }
        return new Progress(List.copyOf(moved), List.copyOf(stuck), List.copyOf(alone));
    }

    /** See {@link #progress}. */
    public record Progress(List<String> moved, List<String> stuck, List<String> alone) {

        /** Every originator that has another way took it, and at least one did. */
        public boolean steered() {
            return stuck.isEmpty() && !moved.isEmpty();
        }
    }

    private static boolean over(Originator o, Map<Integer, String> hardifs, Set<String> names) {
        return hardifs.containsKey(o.hardIfindex()) && names.contains(o.neighbor());
    }
}
