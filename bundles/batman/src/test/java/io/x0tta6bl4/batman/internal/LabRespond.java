package io.x0tta6bl4.batman.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.respondd.internal.LabRespondd;

/**
 * respondd in the kernel lab (src/test/lab/README.md), each part in its own JVM in its node's
 * namespace. {@code respond <node> <ready> <result>} runs in nodes A and C: a responder on their
 * real bat0 answering with the batman-adv part read from the real module, until
 * {@code /tmp/respond-stop} appears; then it writes its counters. {@code check <result>} runs in
 * node B, between them: a plain socket's multicast GET (as yanic sends it), a spoofed and an
 * oversized query, and one round of B's collector. It records what it saw; the host-side test
 * asserts.
 */
public final class LabRespond {

    public static final String SPOOFED_SOURCE = "2001:db8:b::1";
    private static final int PORT = 1001;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabRespond() {
    }

    /** @param args {@code respond <node> <ready file> <result file>} or {@code check <result file>} */
    public static void main(String[] args) throws Exception {
        if ("check".equals(args[0])) {
            Properties out = new Properties();
            try {
                check(new NetlinkBackend("bat0"), (k, v) -> out.setProperty(k, String.valueOf(v)));
            } catch (Exception e) {
                out.setProperty("respondd.error", e.toString());
            }
            try (OutputStream os = Files.newOutputStream(Path.of(args[1]))) {
                out.store(os, "respondd checks from node B");
            }
            return;
        }
        respond(args[1], Path.of(args[2]), Path.of(args[3]));
    }

    private static void respond(String node, Path ready, Path result) throws Exception {
        NetlinkBackend bat0 = new NetlinkBackend("bat0");
        RespondPartReader reader = new RespondPartReader(Path.of("/sys/class/net"), 0, System.out::println);
        LabAdmin admin = new LabAdmin(bat0, null);
        reader.refresh(bat0, admin.lastPoll(), 0);
        AutoCloseable responder = LabRespondd.respond("bat0", PORT, type -> {
            Map<String, Object> part = new LinkedHashMap<>(reader.part().part(type));
            if (RespondProvider.NODEINFO.equals(type)) {
                part.put("hostname", "lab-" + node);
            }
            return part;
        }, System.out::println);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!LabRespondd.joined(responder) && System.nanoTime() < deadline) {
            Thread.sleep(100); // the responder joins its groups once it sees bat0
        }
        Files.writeString(ready, "ready\n");
        Path stop = Path.of("/tmp/respond-stop");
        long refreshed = System.nanoTime();
        while (!Files.exists(stop)) {
            Thread.sleep(200); // waits for the stop file the init script writes after the lab's runs
            if (System.nanoTime() - refreshed > 2_000_000_000L) {
                reader.refresh(bat0, admin.lastPoll(), System.currentTimeMillis());
                refreshed = System.nanoTime();
            }
        }
        Properties out = new Properties();
        LabRespondd.counters(responder).forEach((k, v) -> out.setProperty(k, v.toString()));
        responder.close();
        try (OutputStream os = Files.newOutputStream(result)) {
            out.store(os, "respondd in node " + node);
        }
    }

    /** Node B's checks; {@code put} records each result. */
    private static void check(NetlinkBackend bat0, BiConsumer<String, Object> put) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.exists(Path.of("/tmp/respond-A.ready")) && Files.exists(Path.of("/tmp/respond-C.ready")))
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // the responders in A and C start their own JVMs
        }
        put.accept("respondd.ready", Files.exists(Path.of("/tmp/respond-A.ready"))
                && Files.exists(Path.of("/tmp/respond-C.ready")));
        NetworkInterface mesh = NetworkInterface.getByName("bat0");
        InetAddress group = Inet6Address.getByAddress(null, InetAddress.getByName("ff02::2:1001").getAddress(), mesh);
        byte[] get = "GET nodeinfo statistics neighbours".getBytes(StandardCharsets.US_ASCII);

        // 1. As yanic asks: one multicast datagram, a deflated reply from every node.
        Map<String, JsonNode> byId = new TreeMap<>();
        Map<String, InetSocketAddress> from = new TreeMap<>();
        int largest = 0;
        int tries = 0;
        try (DatagramSocket s = new DatagramSocket()) {
            List<DatagramPacket> replies = List.of();
            // batman-adv forwards a multicast frame only to nodes whose listener for the group its
            // translation table has learnt (one OGM interval or more after they joined): ask again
            // until both have answered or 60 s have passed.
            while (tries < 30) {
                tries++;
                s.send(new DatagramPacket(get, get.length, new InetSocketAddress(group, PORT)));
                replies = receiveAll(s, 2000);
                if (replies.size() >= 2) {
                    break;
                }
                System.out.println("respondd lab: try " + tries + " got " + replies.size() + " replies");
            }
            if (replies.size() < 2) {
                show("batctl", "meshif", "bat0", "tg", "-m");
                show("batctl", "meshif", "bat0", "tl", "-m");
                show("ip", "-6", "maddr", "show", "dev", "bat0");
            }
            for (DatagramPacket p : replies) {
                JsonNode reply = JSON.readTree(inflate(p.getData(), p.getLength()));
                String id = reply.path("nodeinfo").path("node_id").asText();
                byId.put(id, reply);
                from.put(id, (InetSocketAddress) p.getSocketAddress());
                largest = Math.max(largest, p.getLength());
            }
        }
        put.accept("respondd.multicast.ids", String.join(",", byId.keySet()));
        put.accept("respondd.multicast.tries", tries);
        put.accept("respondd.multicast.largest.bytes", largest);
        // A's OGMs: batman-adv's own counters, read through ethtool, in Gluon's shape
        JsonNode aTraffic = byId.getOrDefault("020000000102", JSON.createObjectNode()).path("statistics").path("traffic");
        put.accept("respondd.a.hostname", byId.getOrDefault("020000000102", JSON.createObjectNode())
                .path("nodeinfo").path("hostname").asText());
        put.accept("respondd.a.mgmt_tx.packets", aTraffic.path("mgmt_tx").path("packets").asLong(-1));
        put.accept("respondd.a.forward.packets", aTraffic.path("forward").path("packets").asLong(-1));
        JsonNode c = byId.get("020000000302");
        if (c == null) {
            return;
        }
        put.accept("respondd.c.hostname", c.path("nodeinfo").path("hostname").asText());
        put.accept("respondd.c.mac", c.path("nodeinfo").path("network").path("mac").asText());
        put.accept("respondd.c.batman", c.path("nodeinfo").path("software").path("batman-adv").path("version").asText());
        put.accept("respondd.c.other", c.path("nodeinfo").path("network").path("mesh").path("bat0")
                .path("interfaces").path("other").toString());
        List<String> heard = new ArrayList<>();
        c.path("neighbours").path("batadv").path("02:00:00:00:03:02").path("neighbours").fieldNames()
                .forEachRemaining(heard::add);
        put.accept("respondd.c.neighbours", String.join(",", heard));
        put.accept("respondd.c.neighbour.tq", c.path("neighbours").path("batadv").path("02:00:00:00:03:02")
                .path("neighbours").path("02:00:00:00:02:03").path("tq").asInt(-1));
        put.accept("respondd.c.traffic.rx", c.path("statistics").path("traffic").path("rx").path("bytes").asLong(-1));
        InetSocketAddress cAt = from.get("020000000302");

        // 2. A query whose source is not on the mesh (here: a global address the test put on B's bat0,
        //    routable from C): a reply would aim 8 KiB at whoever the source names.
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(SPOOFED_SOURCE), 0))) {
            s.send(new DatagramPacket(get, get.length, cAt));
            put.accept("respondd.spoofed.answered", !receiveAll(s, 3000).isEmpty());
        }
        // 3. An oversized query, then a good one: the first gets nothing, the second its answer.
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] big = ("GET " + "nodeinfo ".repeat(40)).getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(big, big.length, cAt));
            put.accept("respondd.oversized.answered", !receiveAll(s, 3000).isEmpty());
            s.send(new DatagramPacket(get, get.length, cAt));
            put.accept("respondd.after.answered", !receiveAll(s, 3000).isEmpty());
        }

        // 4. B's collector: one round on bat0 against a topology of the nodes B's table holds.
        MeshInfo info = bat0.mesh();
        Instant now = Instant.now();
        List<Node> nodes = new ArrayList<>();
        for (NodeObservation o : MeshRound.of(info, bat0.originators(), now, 30_000).nodes()) {
            nodes.add(new Node(o.id(), o.addresses(), o.role(), NodeState.UP, o.at(), o.at(), o.attributes()));
        }
        long t0 = System.nanoTime();
        Map<NodeId, Map<String, String>> described = LabRespondd.collect("bat0", PORT, nodes, System.out::println);
        put.accept("respondd.collector.ms", (System.nanoTime() - t0) / 1_000_000);
        List<String> got = new ArrayList<>();
        described.forEach((id, attrs) -> got.add(id.value() + "=" + attrs.get(NodeAttributes.HOSTNAME)));
        put.accept("respondd.collected", String.join(",", got));
    }

    private static void show(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            System.out.println("respondd lab: " + String.join(" ", command) + "\n"
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.out.println("respondd lab: " + String.join(" ", command) + " failed: " + e.getMessage());
        }
    }

    private static List<DatagramPacket> receiveAll(DatagramSocket s, int ms) throws IOException {
        List<DatagramPacket> out = new ArrayList<>();
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return out;
            }
            s.setSoTimeout((int) left);
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            try {
                s.receive(p);
                out.add(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
        }
    }

    /** The JDK's raw DEFLATE, not the bundle's codec: the reply must be what any collector reads. */
    private static byte[] inflate(byte[] data, int length) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(data, 0, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && inflater.needsInput()) {
                throw new DataFormatException("reply ends early");
            }
            out.write(buf, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
