package io.x0tta6bl4.respondd.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the respondd collector spends on one round's replies against the least any collector
 * must do with them, in the same run: {@link #collector} takes each deflated datagram through
 * the bundle's own path (bounded inflate, Jackson tree, {@code ReplyFacts}' cleaning and bounds,
 * then matching the described nodes to a topology of the same size), {@link #jacksonTree} only
 * inflates each with the JDK and parses it into a Jackson tree, as yanic decodes before it
 * stores. One operation is the whole set of {@code nodes} replies.
 * <p>
 * The replies are the real Gluon nodeinfo and statistics of the respondd bundle's fixtures
 * (bundles/respondd/src/test/resources/respondd), one per node with its own MAC, node id and
 * hostname. The class sits in the bundle's package because the decoding steps are package-private
 * there; it is not part of the bundle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CollectorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"1000"})
    int nodes;

    private final List<byte[]> replies = new ArrayList<>();
    private final RespondRequest request = new RespondRequest(List.of("nodeinfo", "statistics"), true);
    private final InetSocketAddress from = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1001);
    private TopologySnapshot snapshot;

    @Setup
    public void replies() throws IOException {
        JsonNode nodeinfo = fixture("nodeinfo.json");
        JsonNode statistics = fixture("statistics.json");
        TreeMap<NodeId, Node> topology = new TreeMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < nodes; i++) {
            String mac = String.format("02:00:00:00:%02x:%02x", i >> 8 & 0xff, i & 0xff);
            String id = mac.replace(":", "");
            ObjectNode info = nodeinfo.deepCopy();
            info.put("node_id", id);
            info.put("hostname", "node-" + i);
            ((ObjectNode) info.get("network")).put("mac", mac);
            ObjectNode stats = statistics.deepCopy();
            stats.put("node_id", id);
            ObjectNode reply = JSON.createObjectNode();
            reply.set("nodeinfo", info);
            reply.set("statistics", stats);
            replies.add(RespondCodec.deflate(JSON.writeValueAsBytes(reply)));
            topology.put(NodeId.of(mac), new Node(NodeId.of(mac), List.of(mac), NodeRole.PEER, NodeState.UP, now, now,
                    Map.of()));
        }
        snapshot = new TopologySnapshot(1, now, topology, new TreeMap<>());
        int described = collector();
        if (described != nodes) {
            throw new IllegalStateException("the collector described " + described + " of " + nodes + " nodes");
        }
        if (jacksonTree() != nodes) {
            throw new IllegalStateException("the plain parse read fewer than " + nodes + " replies");
        }
    }

    @Benchmark
    public int collector() {
        List<ReplyFacts> facts = new ArrayList<>(replies.size());
        for (byte[] datagram : replies) {
            RespondClient.Answer a = RespondClient.decode(from, datagram, datagram.length, request);
            Optional<ReplyFacts> f = a.json() == null ? Optional.empty() : ReplyFacts.of(a.json());
            f.ifPresent(facts::add);
        }
        return CollectedNodes.observations(facts, snapshot).size();
    }

    @Benchmark
    public int jacksonTree() throws IOException {
        int read = 0;
        byte[] buf = new byte[8192];
        for (byte[] datagram : replies) {
            Inflater inflater = new Inflater(true);
            inflater.setInput(datagram);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n == 0 && inflater.needsInput()) {
                        break;
                    }
                    out.write(buf, 0, n);
                }
            } catch (DataFormatException e) {
                throw new IOException(e);
            } finally {
                inflater.end();
            }
            if (JSON.readTree(out.toByteArray()).isObject()) {
                read++;
            }
        }
        return read;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = CollectorBenchmark.class.getResourceAsStream("/respondd/" + name)) {
            if (in == null) {
                throw new IOException("fixture respondd/" + name + " is not on the classpath");
            }
            return JSON.readTree(in);
        }
    }
}
