package io.x0tta6bl4.batman.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.batman.internal.BatctlBackend;
import io.x0tta6bl4.batman.internal.BatmanConfig;
import io.x0tta6bl4.batman.internal.Gateway;
import io.x0tta6bl4.batman.internal.GatewayMode;
import io.x0tta6bl4.batman.internal.HardInterface;
import io.x0tta6bl4.batman.internal.LabBackup;
import io.x0tta6bl4.batman.internal.LabGateway;
import io.x0tta6bl4.batman.internal.LabSteering;
import io.x0tta6bl4.batman.internal.LabWithdraw;
import io.x0tta6bl4.batman.internal.MeshInfo;
import io.x0tta6bl4.batman.internal.MeshPoller;
import io.x0tta6bl4.batman.internal.Neighbor;
import io.x0tta6bl4.batman.internal.NetlinkBackend;
import io.x0tta6bl4.batman.internal.Originator;
import io.x0tta6bl4.batman.internal.NodeFacts;
import io.x0tta6bl4.batman.internal.RecordingTopology;
import io.x0tta6bl4.batman.internal.alfred.AlfredClient;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;
import io.x0tta6bl4.batman.internal.alfred.MeshGraph;
import io.x0tta6bl4.batman.internal.alfred.VisNode;

/**
 * Runs inside the user-mode-linux lab, in node A (see src/test/lab/README.md): the real
 * netlink client and the provider's poller against the real batman-adv module. Writes what
 * it saw to a properties file the host-side test asserts; never asserts itself.
 */
public final class KernelLab {

    static final String A = "02:00:00:00:01:02";
    static final String B = "02:00:00:00:02:01";
    static final String C = "02:00:00:00:03:02";
    /** C's end of the direct link A-C that the steering check adds. */
    static final String C_SECONDARY = "02:00:00:00:03:01";

    private final Properties out = new Properties();
    private final Path file;
    private final Path alfredA;
    private final Path alfredC;

    private final long quietMs;

    private KernelLab(Path file, Path alfredA, Path alfredC, long quietMs) {
        this.file = file;
        this.alfredA = alfredA;
        this.alfredC = alfredC;
        this.quietMs = quietMs;
    }

    public static void main(String[] args) throws Exception {
        KernelLab lab = new KernelLab(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                args.length > 3 ? Long.parseLong(args[3]) : 30_000);
        long start = System.nanoTime();
        try {
            lab.run();
            lab.out.setProperty("ok", "true");
        } catch (Throwable t) {
            lab.out.setProperty("ok", "false");
            lab.out.setProperty("error", t.toString());
            t.printStackTrace();
        } finally {
            lab.out.setProperty("lab.ms", Long.toString(ms(start)));
            lab.save();
        }
    }

    private void run() throws Exception {
        NetlinkBackend bat0 = new NetlinkBackend("bat0");

        // 1. Convergence: A lists C as best originator through B.
        long t0 = System.nanoTime();
        Optional<Originator> c = Optional.empty();
        while (ms(t0) < 90_000) {
            c = bat0.originators().stream().filter(o -> o.address().equals(C) && o.best()).findFirst();
            if (c.isPresent()) {
                break;
            }
            Thread.sleep(250); // poll interval while the kernel converges; the loop waits for the condition
        }
        put("converged.ms", ms(t0));
        put("converged", c.isPresent());
        if (c.isEmpty()) {
            return;
        }
        put("c.nexthop", c.get().neighbor());
        put("c.tq", c.get().tq());
        MeshInfo mesh = bat0.mesh();
        put("mesh.version", mesh.version());
        put("mesh.algorithm", mesh.algorithm());
        put("mesh.primary", mesh.primaryAddress());
        put("mesh.origInterval", mesh.origIntervalMs());
        List<Originator> originators = bat0.originators();
        put("originators", join(originators.stream().filter(Originator::best).map(Originator::address).sorted().toList()));
        put("neighbors", join(bat0.neighbors().stream().map(Neighbor::address).toList()));
        put("hardifs", join(bat0.interfaces().stream().map(HardInterface::name).toList()));

        // The batctl JSON backend sees the same mesh.
        BatctlBackend batctl = new BatctlBackend("batctl", "bat0");
        put("batctl.originators", join(batctl.originators().stream().filter(Originator::best).map(Originator::address)
                .sorted().toList()));
        put("batctl.mesh.same", batctl.mesh().equals(bat0.mesh()));
        put("batctl.hardifs.same", batctl.interfaces().equals(bat0.interfaces()));

        // steer-link's knob on the real module: set over netlink and through batctl, read back by both
        HardInterface vab = bat0.interfaces().get(0);
        put("hardif.hopPenalty.found", vab.hopPenalty());
        bat0.setHopPenalty(vab, 128);
        put("hardif.hopPenalty.netlink", bat0.interfaces().get(0).hopPenalty());
        put("hardif.hopPenalty.readByBatctl", batctl.interfaces().get(0).hopPenalty());
        batctl.setHopPenalty(vab, 60);
        put("hardif.hopPenalty.batctl", bat0.interfaces().get(0).hopPenalty());
        bat0.setHopPenalty(vab, vab.hopPenalty());
        put("hardif.hopPenalty.restored", bat0.interfaces().get(0).hopPenalty());

        quiet(bat0);

        // 2. Interface management on a second mesh interface.
        NetlinkBackend bat1 = new NetlinkBackend("bat1");
        bat1.createMesh("BATMAN_V");
        bat1.addInterface("spare0");
        put("bat1.algorithm", bat1.mesh().algorithm());
        put("bat1.hardifs.added", join(bat1.interfaces().stream().map(HardInterface::name).toList()));
        HardInterface spare = bat1.interfaces().get(0);
        bat1.setThroughputOverride(spare, 10);
        put("bat1.throughputOverride.netlink", bat1.interfaces().get(0).throughputOverride());
        batctl1(spare);
        put("bat1.throughputOverride.batctl", bat1.interfaces().get(0).throughputOverride());
        bat1.setThroughputOverride(spare, 0);
        bat1.setOrigInterval(2000);
        put("bat1.origInterval", bat1.mesh().origIntervalMs());
        bat1.removeInterface("spare0");
        put("bat1.hardifs.removed", join(bat1.interfaces().stream().map(HardInterface::name).toList()));

        // alfred over the real mesh: the whole graph from batadv-vis, and facts from A read on C, two hops away.
        AlfredClient a = new AlfredClient(alfredA);
        AlfredClient cAlfred = new AlfredClient(alfredC);
        long visStart = System.nanoTime();
        MeshGraph graph = null;
        while (ms(visStart) < 60_000) {
            List<VisNode> records = new ArrayList<>();
            for (AlfredRecord r : a.read(VisNode.ALFRED_TYPE)) {
                records.add(VisNode.decode(r.data()));
            }
            graph = MeshGraph.of(records);
            if (graph.links().stream().anyMatch(e -> e.from().equals(C) && e.to().equals(B))
                    && graph.links().stream().anyMatch(e -> e.from().equals(B) && e.to().equals(C))) {
                break;
            }
            Thread.sleep(500); // batadv-vis publishes every 10 s and alfred syncs every second
        }
        put("vis.ms", ms(visStart));
        put("vis.links", join(graph.links().stream().map(e -> e.from() + ">" + e.to()).sorted().toList()));
        NodeFacts facts = new NodeFacts(A, null, "lab", "up 2, down 0", System.currentTimeMillis(), null);
        a.write(100, 1, facts.toJson());
        long factsStart = System.nanoTime();
        Optional<NodeFacts> onC = Optional.empty();
        while (ms(factsStart) < 30_000 && onC.isEmpty()) {
            for (AlfredRecord r : cAlfred.read(100)) {
                onC = Optional.of(NodeFacts.parse(r.data(), r.source()));
            }
            if (onC.isEmpty()) {
                Thread.sleep(200); // alfred primaries sync every second
            }
        }
        put("facts.ms", ms(factsStart));
        put("facts.onC", onC.map(NodeFacts::nodeId).orElse("none"));

        // 3. The provider's poller with the batadv-vis graph: C up, then C's link down.
        RecordingTopology topology = new RecordingTopology();
        List<HealthEvent> events = new ArrayList<>();
        put("note", "NODE_DOWN is posted by the topology service on nodeLost");
        MeshPoller poller = new MeshPoller(topology.service(), events::add, System.out::println, Clock.systemUTC());
        BatmanConfig config = BatmanConfig.DEFAULTS;
        poller.poll(bat0, config, graph);
        put("poll.c.up", topology.lastNodes().stream().anyMatch(n -> n.id().value().equals(C)));
        put("poll.links", join(topology.lastLinks().stream().map(l -> l.id().toString()).sorted().toList()));
        put("downAfter.ms", config.downAfterMs());

        long down = System.nanoTime();
        run("ip", "-n", "C", "link", "set", "vCB", "down");
        Optional<java.util.Map.Entry<io.x0tta6bl4.api.topology.NodeId, String>> nodeDown = Optional.empty();
        while (ms(down) < 60_000 && nodeDown.isEmpty()) {
            long round = System.nanoTime();
            poller.poll(bat0, config, graph);
            nodeDown = topology.lost().stream().filter(e -> e.getKey().value().equals(C)).findFirst();
            long rest = config.pollIntervalMs() - ms(round);
            if (nodeDown.isEmpty() && rest > 0) {
                Thread.sleep(rest); // the provider's own poll interval
            }
        }
        put("down.detected", nodeDown.isPresent());
        if (nodeDown.isEmpty()) {
            return;
        }
        put("down.ms", ms(down));
        put("down.details", nodeDown.get().getValue());
        put("down.lastSeen.ms", nodeDown.get().getValue().replaceAll("\\D*(\\d+) ms.*", "$1"));
        put("down.c.reported", topology.lastNodes().stream().anyMatch(n -> n.id().value().equals(C)));
        // batman-adv itself still lists C: it only purges after 200 s.
        put("down.kernel.lists.c", bat0.originators().stream().anyMatch(o -> o.address().equals(C)));

        steer(bat0, a);
        flapping(bat0);
        gateway(bat0);
        backup(bat0);
        carrier(bat0);
    }

    /**
     * 7. Last, since B comes out of it with another primary interface and so another originator
     * address: B takes its end of A-B down. A's vAB loses carrier at once; the poller must report
     * B, and C behind it, down within one poll, not after down.after.ms of silence.
     */
    private void carrier(NetlinkBackend bat0) throws Exception {
        RecordingTopology topology = new RecordingTopology();
        MeshPoller poller = new MeshPoller(topology.service(), e -> { }, System.out::println, Clock.systemUTC());
        BatmanConfig config = BatmanConfig.DEFAULTS;
        HardInterface vab = bat0.interfaces().stream().filter(h -> h.name().equals("vAB")).findFirst().orElseThrow();
        put("carrier.vAB.before", bat0.carrier(vab));
        long start = System.nanoTime();
        boolean up = false;
        while (ms(start) < 30_000 && !up) {
            poller.poll(bat0, config);
            up = topology.lastNodes().stream().anyMatch(n -> n.id().value().equals(B))
                    && topology.lastNodes().stream().anyMatch(n -> n.id().value().equals(C));
            if (!up) {
                Thread.sleep(config.pollIntervalMs()); // the provider's own poll interval
            }
        }
        put("carrier.setup.up", up);
        long cut = System.nanoTime();
        run("ip", "-n", "B", "link", "set", "vBA", "down");
        Optional<Map.Entry<io.x0tta6bl4.api.topology.NodeId, String>> lost = Optional.empty();
        while (ms(cut) < 20_000 && lost.isEmpty()) {
            long round = System.nanoTime();
            poller.poll(bat0, config);
            lost = topology.lost().stream().filter(e -> e.getKey().value().equals(B)).findFirst();
            long rest = config.pollIntervalMs() - ms(round);
            if (lost.isEmpty() && rest > 0) {
                Thread.sleep(rest); // the provider's own poll interval
            }
        }
        put("carrier.ms", lost.isPresent() ? ms(cut) : -1);
        put("carrier.details", lost.map(Map.Entry::getValue).orElse("not reported"));
        put("carrier.c.down", topology.lost().stream().anyMatch(e -> e.getKey().value().equals(C)));
        put("carrier.vAB.after", bat0.carrier(vab));
    }

    /**
     * 6. backup-link: a standby pair vAX/vCX, in C's mesh but not A's. Cut both of C's links
     * (B-C and the direct A-C): C is lost to A. The action adds vAX and A must reach C over it;
     * with B-C back and the incident resolved it must take vAX out after its hold, once C is
     * heard through B again.
     */
    private void backup(NetlinkBackend bat0) throws Exception {
        run("ip", "link", "add", "vAX", "type", "veth", "peer", "name", "vCX");
        run("ip", "link", "set", "vAX", "address", "02:00:00:00:01:09");
        run("ip", "link", "set", "vCX", "address", "02:00:00:00:03:09");
        run("ip", "link", "set", "vCX", "netns", "C");
        run("ip", "link", "set", "vAX", "mtu", "1560", "up");
        run("ip", "-n", "C", "link", "set", "vCX", "mtu", "1560");
        run("ip", "-n", "C", "link", "set", "vCX", "master", "bat0", "up");
        // Cut at B's and A's ends: taking C's vCB down would make C pick another primary
        // interface, and with it another originator address.
        run("ip", "-n", "B", "link", "set", "vBC", "down");
        run("ip", "link", "set", "vAC", "down");
        long cut = System.nanoTime();
        while (ms(cut) < 30_000 && bestTo(bat0, C).map(o -> o.lastSeenMs() < 3000).orElse(false)) {
            Thread.sleep(200); // C's last OGM ages: nothing to wait on but the table
        }
        put("backup.c.silent", bestTo(bat0, C).map(o -> o.lastSeenMs() >= 3000).orElse(true));
        Map<String, Object> config = Map.of("backup.interface", "vAX", "backup.hold.ms", "3000");
        try (LabBackup backup = LabBackup.start(bat0, file.resolveSibling("backup.properties"), config)) {
            long added = System.nanoTime();
            put("backup.partition", backup.partition());
            while (ms(added) < 30_000 && !bestTo(bat0, C).map(o -> o.hardIfname().equals("vAX") && o.lastSeenMs() < 1000)
                    .orElse(false)) {
                trace(bat0, added);
                Thread.sleep(100); // C's next OGM over the new interface
            }
            put("backup.reach.ms", ms(added));
            put("backup.best.during", bestTo(bat0, C).map(Originator::hardIfname).orElse("none"));

            long healed = System.nanoTime();
            run("ip", "-n", "B", "link", "set", "vBC", "up");
            backup.resolved();
            // B's own link to C starts from TQ 0 again and B forwards C's OGMs as "not best next hop"
            // until it beats the way round through A and the backup: tens of seconds of TQ ramp-up.
            while (ms(healed) < 120_000 && backup.inMesh()) {
                trace(bat0, healed);
                Thread.sleep(100); // the hold, then C heard through B again
            }
            put("backup.removed", !backup.inMesh());
            put("backup.check", backup.lastCheck());
            put("backup.removed.ms", ms(healed));
            put("backup.hardifs.after", join(bat0.interfaces().stream().map(HardInterface::name).toList()));
            long moved = System.nanoTime();
            while (ms(moved) < 10_000 && !bestTo(bat0, C).map(o -> o.hardIfname().equals("vAB")).orElse(false)) {
                Thread.sleep(100); // batman-adv drops routes over a removed interface at once; the rest is OGMs
            }
            put("backup.best.after", bestTo(bat0, C).map(Originator::hardIfname).orElse("none"));
        }
    }

    private long lastTrace;

    private void trace(NetlinkBackend bat0, long since) throws IOException {
        if (System.nanoTime() - lastTrace < 1_000_000_000L) {
            return;
        }
        lastTrace = System.nanoTime();
        System.out.println("TRACE " + ms(since) + " C: " + bat0.originators().stream().filter(o -> o.address().equals(C))
                .map(o -> o.neighbor() + "/" + o.hardIfname() + " tq " + o.tq() + " seen " + o.lastSeenMs()
                        + (o.best() ? " *" : "")).toList() + " neigh: " + bat0.neighbors().stream()
                .map(n -> n.address() + "/" + n.hardIfname() + " " + n.lastSeenMs()).toList());
    }

    /**
     * 1b. Nothing is cut while two busy loops share the guest's one CPU with batman-adv and the
     * poller: every node reported down is a false down. Also records the longest OGM silence
     * and the longest poll, the margins against down.after.ms.
     */
    private void quiet(NetlinkBackend bat0) throws Exception {
        RecordingTopology topology = new RecordingTopology();
        MeshPoller poller = new MeshPoller(topology.service(), e -> { }, System.out::println, Clock.systemUTC());
        BatmanConfig config = BatmanConfig.DEFAULTS;
        List<Process> hogs = new ArrayList<>();
        for (String ns : List.of("B", "C")) {
            hogs.add(new ProcessBuilder("ip", "netns", "exec", ns, "sh", "-c", "while :; do :; done").start());
        }
        long polls = 0;
        long maxSilence = 0;
        long maxPoll = 0;
        long start = System.nanoTime();
        try {
            while (ms(start) < quietMs) {
                long round = System.nanoTime();
                poller.poll(bat0, config);
                polls++;
                for (Originator o : bat0.originators()) {
                    if (o.best()) {
                        maxSilence = Math.max(maxSilence, o.lastSeenMs());
                    }
                }
                maxPoll = Math.max(maxPoll, ms(round));
                long rest = config.pollIntervalMs() - ms(round);
                if (rest > 0) {
                    Thread.sleep(rest); // the provider's own poll interval
                }
            }
        } finally {
            hogs.forEach(Process::destroyForcibly);
        }
        put("quiet.ms", ms(start));
        put("quiet.polls", polls);
        put("quiet.falseDowns", topology.lost().size());
        put("quiet.falseDowns.which", topology.lost());
        put("quiet.maxSilence.ms", maxSilence);
        put("quiet.maxPoll.ms", maxPoll);
    }

    private static Optional<Originator> bestTo(NetlinkBackend bat0, String address) throws IOException {
        return bat0.originators().stream().filter(o -> o.address().equals(address) && o.best()).findFirst();
    }

    /**
     * 5. The gateway uplink watch: A and C are gateways, B a client that selected A. A's uplink
     * is a veth pair to namespace U; cut it, and A's watch must demote A so B moves to C; put it
     * back, and A is a gateway again after the hold-down.
     */
    private void gateway(NetlinkBackend bat0) throws Exception {
        run("ip", "netns", "add", "U");
        run("ip", "link", "add", "vAU", "type", "veth", "peer", "name", "vUA");
        run("ip", "link", "set", "vUA", "netns", "U");
        run("ip", "addr", "add", "10.99.1.1/24", "dev", "vAU");
        run("ip", "link", "set", "vAU", "up");
        run("ip", "-n", "U", "addr", "add", "10.99.1.2/24", "dev", "vUA");
        run("ip", "-n", "U", "link", "set", "vUA", "up");
        Path batctlB = file.resolveSibling("batctl-B");
        Files.writeString(batctlB, "#!/bin/sh\nexec ip netns exec B batctl \"$@\"\n");
        batctlB.toFile().setExecutable(true);
        BatctlBackend b = new BatctlBackend(batctlB.toString(), "bat0");

        bat0.setGatewayMode(new GatewayMode(GatewayMode.SERVER, 100, 20));
        put("gw.a.mode", bat0.mesh().gateway().line());
        run("ip", "netns", "exec", "B", "batctl", "meshif", "bat0", "gw_mode", "client");
        long start = System.nanoTime();
        String selected = "none";
        while (ms(start) < 30_000 && !selected.equals(A)) {
            selected = selected(b);
            Thread.sleep(200); // B selects once A's gateway announcement arrives with an OGM
        }
        put("gw.b.first", selected);
        put("gw.b.first.ms", ms(start));
        run("ip", "netns", "exec", "C", "batctl", "meshif", "bat0", "gw_mode", "server", "10mbit/2mbit");
        start = System.nanoTime();
        while (ms(start) < 30_000 && b.gateways().stream().noneMatch(g -> g.originator().equals(C))) {
            Thread.sleep(200); // C's announcement travels with its next OGM
        }
        put("gw.b.knows", join(b.gateways().stream().map(g -> g.originator() + (g.best() ? "*" : "")).sorted().toList()));
        MeshPoller onB = new MeshPoller(new RecordingTopology().service(), e -> { }, System.out::println,
                Clock.systemUTC());
        onB.poll(b, BatmanConfig.DEFAULTS);
        put("gw.b.node", onB.last().round().nodes().get(0).attributes());

        Map<String, Object> config = Map.of("gateway.uplink.targets", "icmp:10.99.1.2",
                "gateway.uplink.interface", "vAU", "gateway.uplink.interval.ms", "500",
                "gateway.uplink.timeout.ms", "400", "gateway.uplink.failures", "2", "gateway.holddown.ms", "5000");
        put("gw.config", config);
        try (LabGateway watch = LabGateway.start(bat0, file.resolveSibling("gateway.properties"), config)) {
            start = System.nanoTime();
            while (ms(start) < 20_000 && !watch.answering()) {
                Thread.sleep(100); // the first probe round runs one interval after the start
            }
            put("gw.watch.answering", watch.answering());

            long cut = System.nanoTime();
            run("ip", "link", "set", "vAU", "down");
            selected = A;
            while (ms(cut) < 20_000 && !selected.equals(C)) {
                selected = selected(b);
                Thread.sleep(100); // B reselects once A's OGM no longer announces a gateway
            }
            put("gw.b.after", selected);
            put("gw.switch.ms", ms(cut));
            put("gw.down.ms", watch.downAtNanos() == 0 ? -1 : (watch.downAtNanos() - cut) / 1_000_000);
            put("gw.demoted.ms", watch.demotedAtNanos() == 0 ? -1 : (watch.demotedAtNanos() - cut) / 1_000_000);
            put("gw.demotion", watch.demotion());
            put("gw.a.demoted", bat0.mesh().gateway().line());

            long back = System.nanoTime();
            run("ip", "link", "set", "vAU", "up");
            while (ms(back) < 30_000 && watch.demoted()) {
                Thread.sleep(100); // the hold-down: every round must answer for 5 s
            }
            put("gw.promote.ms", ms(back));
            put("gw.up.ms", watch.upAtNanos() == 0 ? -1 : (watch.upAtNanos() - back) / 1_000_000);
            put("gw.a.promoted", bat0.mesh().gateway().line());
            put("gw.events", String.join(" | ", watch.events()));
        }
    }

    private static String selected(BatctlBackend b) throws IOException {
        return b.gateways().stream().filter(Gateway::best).map(Gateway::originator).findFirst().orElse("none");
    }

    /**
     * 4. steer-link on the real module: B-C back up and a direct link A-C, which becomes A's best
     * route to C; steer-link on A->C must move that route back over B, and its rollback put A's
     * hop penalty back.
     */
    private void steer(NetlinkBackend bat0, AlfredClient alfred) throws Exception {
        run("ip", "-n", "C", "link", "set", "vCB", "up");
        run("ip", "link", "add", "vAC", "type", "veth", "peer", "name", "vCA");
        run("ip", "link", "set", "vAC", "address", "02:00:00:00:01:03");
        run("ip", "link", "set", "vCA", "address", C_SECONDARY);
        run("ip", "link", "set", "vCA", "netns", "C");
        bat0.addInterface("vAC");
        run("ip", "-n", "C", "link", "set", "vCA", "master", "bat0", "up");
        long start = System.nanoTime();
        boolean direct = false;
        MeshGraph graph = null;
        while (ms(start) < 90_000) {
            List<Originator> table = bat0.originators();
            direct = table.stream().anyMatch(o -> o.address().equals(C) && o.best() && o.hardIfname().equals("vAC"))
                    && table.stream().anyMatch(o -> o.address().equals(C) && o.neighbor().equals(B));
            List<VisNode> records = new ArrayList<>();
            for (AlfredRecord r : alfred.read(VisNode.ALFRED_TYPE)) {
                records.add(VisNode.decode(r.data()));
            }
            graph = MeshGraph.of(records);
            if (direct && graph.interfaces().getOrDefault(C, List.of()).contains(C_SECONDARY)) {
                break;
            }
            Thread.sleep(500); // OGMs every second, batadv-vis every 10 s
        }
        put("steer.setup.ms", ms(start));
        put("steer.setup.direct", direct);
        visGraph = graph;
        Map<String, String> r = LabSteering.steer(bat0, graph, A + "->" + C, C, file.resolveSibling("steering.properties"));
        r.forEach((k, v) -> put("steer." + k, v));
    }

    /** The batadv-vis graph the steering step read: C's secondary interface on the A-C link. */
    private MeshGraph visGraph;

    /**
     * 4b. A flapping link: C's end of the direct link A-C goes down and up every 2 s (A's vAC
     * loses carrier each time). The poller must post LINK_DOWN A->C at each flap; at the third,
     * where healing's default damping makes the FLAPPING incident, withdraw-interface must take
     * vAC out, A's route to C stay over B while the flapping goes on, with no more link events;
     * at the release vAC goes back.
     */
    private void flapping(NetlinkBackend bat0) throws Exception {
        List<HealthEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        MeshPoller poller = new MeshPoller(new RecordingTopology().service(), events::add, System.out::println,
                Clock.systemUTC());
        BatmanConfig config = BatmanConfig.DEFAULTS;
        poller.poll(bat0, config, visGraph);
        put("flap.links.before", poller.last().round().links().stream().map(l -> l.id().toString()).sorted().toList());
        Process flapper = new ProcessBuilder("ip", "netns", "exec", "C", "sh", "-c",
                "while :; do ip link set vCA down; sleep 2; ip link set vCA up; sleep 2; done").start();
        long start = System.nanoTime();
        try (LabWithdraw withdraw = LabWithdraw.start(bat0, visGraph, file.resolveSibling("withdrawn.properties"))) {
            while (ms(start) < 30_000 && downs(events) < 3) {
                pollOnce(poller, bat0, config);
            }
            put("flap.downs.ms", ms(start));
            put("flap.events.before", events.stream().map(e -> e.kind() + " " + e.details()).toList());
            String subject = events.isEmpty() ? "none" : events.get(0).subject();
            put("flap.subject", subject);
            long withdrawn = System.nanoTime();
            // what healing's FLAPPING incident names: the subject of the link's own signals
            put("flap.withdraw", withdraw.flapping(subject));
            put("flap.withdraw.ms", ms(withdrawn));
            put("flap.hardifs.during", join(bat0.interfaces().stream().map(HardInterface::name).toList()));
            int before = events.size();
            long during = System.nanoTime();
            String best = "none";
            long moved = -1;
            while (ms(during) < 16_000) {
                pollOnce(poller, bat0, config);
                best = bestTo(bat0, C).map(Originator::hardIfname).orElse("none");
                if (moved < 0 && best.equals("vAB")) {
                    moved = ms(during);
                }
            }
            put("flap.best.during", best);
            put("flap.best.moved.ms", moved);
            put("flap.events.during", events.subList(before, events.size()).stream().map(HealthEvent::kind).toList());
            flapper.destroyForcibly();
            flapper.waitFor(10, TimeUnit.SECONDS);
            run("ip", "-n", "C", "link", "set", "vCA", "up");
            long back = System.nanoTime();
            withdraw.resolved();
            while (ms(back) < 10_000 && withdraw.out()) {
                Thread.sleep(100); // the action puts it back on its own thread
            }
            put("flap.back.ms", ms(back));
            put("flap.hardifs.after", join(bat0.interfaces().stream().map(HardInterface::name).toList()));
        } finally {
            flapper.destroyForcibly();
        }
        long direct = System.nanoTime();
        while (ms(direct) < 60_000 && !bestTo(bat0, C).map(o -> o.hardIfname().equals("vAC")).orElse(false)) {
            Thread.sleep(250); // the direct link's TQ rises again with C's OGMs
        }
        put("flap.best.after", bestTo(bat0, C).map(Originator::hardIfname).orElse("none"));
        put("flap.best.after.ms", ms(direct));
    }

    private static long downs(List<HealthEvent> events) {
        return events.stream().filter(e -> e.kind().equals(io.x0tta6bl4.api.event.HealthKinds.LINK_DOWN)).count();
    }

    private void pollOnce(MeshPoller poller, NetlinkBackend bat0, BatmanConfig config) throws InterruptedException {
        long round = System.nanoTime();
        poller.poll(bat0, config, visGraph);
        long rest = config.pollIntervalMs() - ms(round);
        if (rest > 0) {
            Thread.sleep(rest); // the provider's own poll interval
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private void put(String key, Object value) {
        out.setProperty(key, String.valueOf(value));
        System.out.println("LAB " + key + "=" + value);
    }

    private void save() throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            out.store(os, "batman-adv kernel lab");
        }
    }

    private static String join(List<String> values) {
        return String.join(",", values);
    }

    private static long ms(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    /** The batctl backend's throughput override on bat1: 2.5 Mbit/s, 25 in the kernel's 100 kbit/s. */
    private static void batctl1(HardInterface spare) throws IOException {
        new BatctlBackend("batctl", "bat1").setThroughputOverride(spare, 25);
    }

}
