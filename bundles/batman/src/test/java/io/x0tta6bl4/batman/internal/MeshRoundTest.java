package io.x0tta6bl4.batman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;

import org.junit.jupiter.api.Test;

class MeshRoundTest {

    private static final String A = "02:00:00:00:01:02";
    private static final String B = "02:00:00:00:02:01";
    /** D's originator is its first interface; A hears D on D's second one. */
    private static final String D = "02:00:00:00:04:03";
    private static final String D_TOWARDS_A = "02:00:00:00:04:01";

    private final MeshInfo mesh = new MeshInfo("2022.3", "BATMAN_IV", "bat0", 5, "aa:bb:cc:dd:ee:ff", "vAB", A, 1000L);
    private final List<Originator> table = List.of(
            new Originator(B, B, "vAB", 3, 100, 255, null, true),
            new Originator(D, D_TOWARDS_A, "vAD", 4, 100, 250, null, true));

    @Test
    void eachLinkNamesItsHardInterfaceAndTakesItsMedium() {
        MeshRound round = MeshRound.of(mesh, table, Instant.now(), 5000);
        LinkObservation ab = round.links().get(0);
        assertEquals("vAB", ab.metrics().iface());
        assertEquals(LinkMedium.UNKNOWN, ab.metrics().medium());
        List<String> asked = new java.util.ArrayList<>();
        MeshRound media = round.withMedia(ifname -> {
            asked.add(ifname);
            return LinkMedium.WIRELESS;
        });
        assertEquals(LinkMedium.WIRELESS, media.links().get(0).metrics().medium());
        assertEquals(255, media.links().get(0).metrics().tq(), "the rest of the metrics stay");
        assertEquals(List.of("vAB"), asked);
        assertEquals(round.nodes(), media.nodes());
    }

    @Test
    void aNeighbourHeardOnItsSecondaryInterfaceIsOneHopAwayOnceBatadvVisNamesTheInterface() {
        MeshRound round = MeshRound.of(mesh, table, Instant.now(), 5000);
        assertEquals(Set.of(A + "->" + B), ids(round.links()), "without batadv-vis only B is known as direct");

        MeshGraph graph = new MeshGraph(List.of(D), List.of(), Map.of(D, List.of(D, D_TOWARDS_A)));
        assertEquals(Set.of(A + "->" + B, A + "->" + D), ids(round.withGraph(graph).links()));
    }

    @Test
    void aNextHopOnASecondaryInterfaceIsOneOfItsNodesAddresses() {
        MeshGraph graph = new MeshGraph(List.of(D), List.of(), Map.of(D, List.of(D, D_TOWARDS_A)));
        NodeObservation d = MeshRound.of(mesh, table, Instant.now(), 5000).withGraph(graph).nodes().stream()
                .filter(n -> n.id().value().equals(D)).findFirst().orElseThrow();
        // mesh:path from A resolves batman-adv's next hop towards D (D_TOWARDS_A) to D by it
        assertEquals(D_TOWARDS_A, d.attributes().get(io.x0tta6bl4.api.topology.Node.ATTR_NEXT_HOP));
        assertEquals(List.of(D, D_TOWARDS_A), d.addresses());
    }

    @Test
    void aNextHopOwnedBySomeoneElseStaysARouteNotALink() {
        List<Originator> viaB = List.of(new Originator(B, B, "vAB", 3, 100, 255, null, true),
                new Originator(D, B, "vAB", 3, 100, 200, null, true));
        MeshGraph graph = new MeshGraph(List.of(D), List.of(), Map.of(D, List.of(D, D_TOWARDS_A)));
        assertEquals(Set.of(A + "->" + B), ids(MeshRound.of(mesh, viaB, Instant.now(), 5000).withGraph(graph).links()));
    }

    @Test
    void aSecondaryInterfacesOwnOriginatorIsFoldedIntoItsNode() {
        // IV: D's interface towards A sends OGMs under its own address, heard one hop away
        List<Originator> withSecondary = List.of(new Originator(B, B, "vAB", 3, 100, 255, null, true),
                new Originator(D, D_TOWARDS_A, "vAD", 4, 100, 250, null, true),
                new Originator(D_TOWARDS_A, D_TOWARDS_A, "vAD", 4, 100, 255, null, true));
        MeshRound alone = MeshRound.of(mesh, withSecondary, Instant.now(), 5000);
        assertEquals(Set.of(A, B, D, D_TOWARDS_A), nodeIds(alone), "without batadv-vis it looks like a node");

        MeshGraph graph = new MeshGraph(List.of(D), List.of(), Map.of(D, List.of(D, D_TOWARDS_A)));
        MeshRound round = alone.withGraph(graph);
        assertEquals(Set.of(A, B, D), nodeIds(round));
        assertEquals(Set.of(A + "->" + B, A + "->" + D), ids(round.links()));
        assertEquals(Set.of(NodeId.of(B), NodeId.of(D)), round.best().keySet(), "the tracker never sees it");
        assertEquals(List.of(D, D_TOWARDS_A), round.nodes().stream().filter(n -> n.id().value().equals(D))
                .findFirst().orElseThrow().addresses());
        assertEquals(NodeId.of(D), round.owner(NodeId.of(D_TOWARDS_A)));
    }

    private static Set<String> nodeIds(MeshRound round) {
        return round.nodes().stream().map(n -> n.id().value()).collect(Collectors.toSet());
    }

    private static Set<String> ids(List<LinkObservation> links) {
        return links.stream().map(l -> l.id().from() + "->" + l.id().to()).collect(Collectors.toSet());
    }

    @Test
    void aClientsOwnNodeNamesItsModeAndSelectedGateway() {
        MeshInfo client = new MeshInfo("2022.3", "BATMAN_IV", "bat0", 5, "aa:bb:cc:dd:ee:ff", "vAB", A, 1000L,
                new GatewayMode(GatewayMode.CLIENT, 0, 0));
        Instant now = Instant.now();
        MeshRound round = MeshRound.of(client, table, now, 5000)
                .withSelectedGateway(new Gateway(D, D_TOWARDS_A, "vAD", true, 250, null, 10_000L, 2_000L));
        Map<String, String> self = round.nodes().get(0).attributes();
        assertEquals("client", self.get(MeshRound.ATTR_GW_MODE));
        assertEquals(D, self.get(MeshRound.ATTR_GATEWAY));
        assertEquals(D_TOWARDS_A, self.get(MeshRound.ATTR_GATEWAY_NEXT_HOP));
        assertEquals("250", self.get(MeshRound.ATTR_GATEWAY_TQ));
        assertEquals(round.links(), MeshRound.of(client, table, now, 5000).links(), "links are untouched");
    }

    @Test
    void anOriginatorWhoseEveryRouteLeavesThroughAnInterfaceWithoutCarrierIsCutOffAtOnce() {
        List<Originator> routes = List.of(
                new Originator(B, B, "vAB", 3, 100, 255, null, true),
                new Originator(D, D_TOWARDS_A, "vAD", 4, 100, 250, null, true),
                new Originator(D, B, "vAB", 3, 100, 180, null, false));
        MeshRound onlyVad = MeshRound.of(mesh, routes, Instant.now(), 5000, Set.of("vAD"));
        assertEquals(Map.of(), onlyVad.cut(), "D has a way over vAB still");
        MeshRound both = MeshRound.of(mesh, routes, Instant.now(), 5000, Set.of("vAD", "vAB"));
        assertEquals(Map.of(NodeId.of(B), "vAB", NodeId.of(D), "vAD"), both.cut());
        assertEquals(Set.of(NodeId.of(B), NodeId.of(D)), both.silent().keySet(), "seen 100 ms ago, down all the same");
        assertEquals(1, both.nodes().size(), "only this node is left up");
    }
}
