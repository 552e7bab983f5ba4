package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.x0tta6bl4.batman.internal.alfred.AlfredStatus;

/**
 * B's batman-adv tables in the ring A-B-C-D, the shape of the captured dumps: hard interfaces
 * vBA (index 2, to A) and vBC (index 3, to C). {@link #routes} is what the next originator dump
 * answers; a test swaps it to play batman-adv moving its routes. Every setter call is recorded.
 */
final class RingTables extends StubBackend implements BatmanAdmin {

    static final String A = "02:00:00:00:01:02";
    static final String B = "02:00:00:00:02:01";
    static final String C = "02:00:00:00:03:02";
    static final String D = "02:00:00:00:04:03";
    static final String LINK_BC = B + "->" + C;

    /** C and D best over vBC, with the way round through A known. */
    static final List<Originator> OVER_BC = List.of(
            new Originator(A, A, "vBA", 2, 300, 255, null, true),
            new Originator(C, C, "vBC", 3, 300, 170, null, true),
            new Originator(C, A, "vBA", 2, 300, 190, null, false),
            new Originator(D, C, "vBC", 3, 300, 160, null, true),
            new Originator(D, A, "vBA", 2, 300, 210, null, false));
    /** After a hop penalty on vBC: both through A. */
    static final List<Originator> ROUND_BY_A = List.of(
            new Originator(A, A, "vBA", 2, 300, 255, null, true),
            new Originator(C, C, "vBC", 3, 300, 85, null, false),
            new Originator(C, A, "vBA", 2, 300, 190, null, true),
            new Originator(D, C, "vBC", 3, 300, 80, null, false),
            new Originator(D, A, "vBA", 2, 300, 210, null, true));
    /** The line A-B-C: C only over vBC. */
    static final List<Originator> LINE = List.of(
            new Originator(A, A, "vBA", 2, 300, 255, null, true),
            new Originator(C, C, "vBC", 3, 300, 170, null, true));

    volatile List<Originator> routes = OVER_BC;
    /** What the poller's carrier watch last knew of each link's interface. */
    volatile java.util.Map<io.x0tta6bl4.api.topology.NodeId, String> linkInterfaces = java.util.Map.of();
    /** What the originator table shows once a value is set on vBC; null: it does not change. */
    volatile List<Originator> afterSet = ROUND_BY_A;
    final List<Neighbor> neighbours = new CopyOnWriteArrayList<>(List.of(
            new Neighbor(A, "vBA", 2, 300, null), new Neighbor(C, "vBC", 3, 300, null)));
    volatile int hopPenaltyBC;
    final List<String> sets = new CopyOnWriteArrayList<>();
    /** Hard interfaces added to bat0 by a test's action. */
    final List<String> added = new CopyOnWriteArrayList<>();
    /** B's own hard interfaces a test's action took out of bat0. */
    final List<String> removed = new CopyOnWriteArrayList<>();

    /** B's gateway mode: a server with 10/2 Mbit/s unless a test says otherwise. */
    volatile GatewayMode gateway = new GatewayMode(GatewayMode.SERVER, 100, 20);
    /** When set, setGatewayMode records the call but the kernel keeps its mode. */
    volatile boolean gatewayStuck;

    // BatmanBackend

    @Override
    public String name() {
        return "ring";
    }

    @Override
    public String meshInterface() {
        return "bat0";
    }

    @Override
    public MeshInfo mesh() {
        return new MeshInfo("2022.3", Batadv.ALGO_IV, "bat0", 4, "02:ba:7a:00:00:02", "vBA", B, 1000L, gateway);
    }

    @Override
    public List<Originator> originators() {
        return routes;
    }

    @Override
    public List<Neighbor> neighbors() {
        return List.copyOf(neighbours);
    }

    @Override
    public List<HardInterface> interfaces() {
        List<HardInterface> all = new ArrayList<>(List.of(new HardInterface("vBA", 2, B, true, 0, 0L),
                new HardInterface("vBC", 3, "02:00:00:00:02:03", true, hopPenaltyBC, 0L)));
        added.forEach(name -> all.add(new HardInterface(name, 9, "02:00:00:00:02:09", true, 0, 0L)));
        all.removeIf(h -> removed.contains(h.name()));
        return all;
    }

    @Override
    public void addInterface(String hardInterface) {
        sets.add("add " + hardInterface);
        if (!removed.remove(hardInterface)) {
            added.add(hardInterface);
        }
    }

    @Override
    public void removeInterface(String hardInterface) {
        sets.add("remove " + hardInterface);
        if (!added.remove(hardInterface)) {
            removed.add(hardInterface);
        }
    }

    @Override
    public void setHopPenalty(HardInterface hard, int penalty) {
        sets.add("hop_penalty " + hard.name() + " " + penalty);
        if (hard.ifindex() == 3) {
            hopPenaltyBC = penalty;
            if (afterSet != null) {
                routes = penalty > 0 ? afterSet : OVER_BC;
            }
        }
    }

    @Override
    public void setGatewayMode(GatewayMode mode) {
        sets.add("gw_mode " + mode.line());
        if (!gatewayStuck) {
            gateway = mode;
        }
    }

    @Override
    public void setThroughputOverride(HardInterface hard, long override) {
        sets.add("throughput_override " + hard.name() + " " + override);
    }

    // BatmanAdmin

    @Override
    public BatmanConfig config() {
        return BatmanConfig.DEFAULTS;
    }

    @Override
    public MeshPoller.Snapshot lastPoll() {
        Instant now = Instant.now();
        List<Originator> table = new ArrayList<>(routes);
        MeshInfo mesh = mesh();
        return new MeshPoller.Snapshot(now, mesh, table, MeshRound.of(mesh, table, now, 5000), null, linkInterfaces);
    }

    @Override
    public long polls() {
        return 1;
    }

    @Override
    public BatmanBackend backend() {
        return this;
    }

    @Override
    public RespondPart respondPart() {
        return RespondPart.EMPTY;
    }

    @Override
    public FactsView facts() {
        return new FactsView(List.of(), List.of());
    }

    @Override
    public AlfredStatus alfredStatus() throws IOException {
        throw new IOException("no alfred here");
    }
}
