package io.x0tta6bl4.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * The respondd responder in the real distribution, asked the way yanic asks: a plain UDP
 * socket of the test (not the bundle's own client) sends {@code GET nodeinfo statistics
 * neighbours} and inflates the reply with the JDK's raw DEFLATE. Loopback stands in for the
 * mesh interface, so the source rule of bat0 (its own prefixes) is the one under test. The
 * collector tests run in order; the signature test runs last (z_) because it gives the node a
 * SPIFFE identity.
 *
 * <p>Every setting is written into etc/ before boot, none through Config Admin while the node
 * runs: Felix FileInstall writes an updated configuration back to its .cfg file by truncating and
 * rewriting it in place, and its poller can read the file in between and install the torn (here
 * empty) file as the configuration, which it then writes back for good. One CI run lost the
 * respondd configuration that way (the responder came back on the default port 1001). The
 * neighbours' ports are therefore chosen before boot and named in collect.targets from the start;
 * until the signature test binds them they just do not answer.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RespondIT extends PlatformTestSupport {

    private static final String PORT_PROPERTY = "x0tta6bl4.itest.respondd.port";
    private static final String FORGER_PORT_PROPERTY = "x0tta6bl4.itest.respondd.forger.port";
    private static final String REPLAYER_PORT_PROPERTY = "x0tta6bl4.itest.respondd.replayer.port";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    @Configuration
    public Option[] config() {
        int port = FreePorts.next();
        int forger = FreePorts.next();
        int replayer = FreePorts.next();
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        String cfg = "etc/io.x0tta6bl4.respondd.cfg";
        options.add(editConfigurationFilePut(cfg, "port", String.valueOf(port)));
        options.add(editConfigurationFilePut(cfg, "interface", "lo"));
        options.add(editConfigurationFilePut(cfg, "hostname", "itest-node"));
        options.add(editConfigurationFilePut(cfg, "site.code", "ffhb"));
        options.add(editConfigurationFilePut(cfg, "location.latitude", "53.0793"));
        options.add(editConfigurationFilePut(cfg, "location.longitude", "8.8017"));
        // The collector asks this very node by unicast; its node id is the simulated sim-01's MAC,
        // so the topology's sim-01 is the node the reply describes.
        options.add(editConfigurationFilePut(cfg, "node.id", "0273696d0001"));
        options.add(editConfigurationFilePut(cfg, "collect.targets",
                "[::1]:" + port + ",[::1]:" + forger + ",[::1]:" + replayer));
        options.add(editConfigurationFilePut(cfg, "collect.interval.ms", "2000"));
        options.add(editConfigurationFilePut(cfg, "collect.wait.ms", "1000"));
        // sim-01's location is the reply's here, not the simulator's (both would set the same keys)
        options.add(editConfigurationFilePut("etc/io.x0tta6bl4.sim.cfg", "location.center", ""));
        options.add(systemProperty(PORT_PROPERTY).value(String.valueOf(port)));
        options.add(systemProperty(FORGER_PORT_PROPERTY).value(String.valueOf(forger)));
        options.add(systemProperty(REPLAYER_PORT_PROPERTY).value(String.valueOf(replayer)));
        // the signature test's identity: sim-01's, its mTLS listener on any free port
        options.add(editConfigurationFilePut("etc/io.x0tta6bl4.identity.cfg", "listener.port", "0"));
        options.add(editConfigurationFilePut("etc/io.x0tta6bl4.identity.cfg", "node.id", "sim-01"));
        return options.toArray(new Option[0]);
    }

    @Before
    public void installResponder() {
        if (bundle("io.x0tta6bl4.respondd") == null) {
            shell().run("feature:install x0tta6bl4-respondd").assertOk();
        }
        Await.until("the responder listening", WAIT,
                () -> shell().run("respondd:status").out().contains("UDP port " + port()),
                () -> shell().run("respondd:status").out());
    }

    private static int port() {
        return Integer.getInteger(PORT_PROPERTY);
    }

    private static byte[] ask(byte[] query) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(query, query.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port())));
            s.setSoTimeout(5000);
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return Arrays.copyOf(p.getData(), p.getLength());
        }
    }

    private static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && inflater.needsInput()) {
                throw new DataFormatException("stream ends early");
            }
            out.write(buf, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }

    @Test
    public void aPlainGetIsAnsweredWithOneDeflatedDatagramOfAllThreeTypes() throws Exception {
        byte[] reply = ask("GET nodeinfo statistics neighbours".getBytes(StandardCharsets.US_ASCII));
        assertNotNull("no reply", reply);
        assertTrue("one datagram within the 8 KiB yanic reads: " + reply.length, reply.length <= 8192);
        JsonNode json = JSON.readTree(inflate(reply));
        JsonNode info = json.path("nodeinfo");
        System.out.println("respondd reply of " + reply.length + " bytes: " + json);
        assertTrue(info.path("node_id").asText().matches("[0-9a-f]{12}"));
        assertEquals("itest-node", info.path("hostname").asText());
        assertEquals("ffhb", info.path("system").path("site_code").asText());
        assertEquals(53.0793, info.path("location").path("latitude").asDouble(), 1e-9);
        assertEquals("x0tta6bl4", info.path("software").path("firmware").path("base").asText());
        assertTrue(info.path("hardware").path("nproc").asInt() > 0);
        JsonNode stats = json.path("statistics");
        assertTrue(stats.path("uptime").asDouble() > 0);
        assertTrue(stats.path("memory").path("total").asLong() > 0);
        assertEquals(info.path("node_id"), json.path("neighbours").path("node_id"));
    }

    @Test
    public void theLegacyQueryIsAnsweredUncompressed() throws Exception {
        JsonNode info = JSON.readTree(ask("nodeinfo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("itest-node", info.path("hostname").asText());
    }

    @Test
    public void malformedAndOversizedQueriesGetNothing() throws Exception {
        long before = malformed();
        assertNull(ask("GET nodeinfo; cat /etc/shadow".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ask(("GET " + "nodeinfo ".repeat(100)).getBytes(StandardCharsets.US_ASCII)));
        assertEquals("both counted as refused", before + 2, malformed());
        assertNotNull("still answering after them", ask("GET nodeinfo".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    public void c_theCollectorDescribesTheTopologysNodeFromItsReply() {
        Await.until("sim-01 described by its respondd reply", WAIT,
                () -> shell().run("mesh:node sim-01").out().matches("(?s).*\\bsite\\s*\\|\\s*ffhb\\b.*"),
                () -> shell().run("mesh:node sim-01").out() + shell().run("respondd:status").out());
        String node = shell().run("mesh:node sim-01").out();
        assertTrue(node, node.matches("(?s).*respondd\\.verified\\s*\\|\\s*false.*"));
        assertTrue(node, node.matches("(?s).*location\\.latitude\\s*\\|\\s*53\\.0793.*"));
        String ffhb = shell().run("mesh:nodes --site ffhb").out();
        assertTrue(ffhb, ffhb.contains("sim-01"));
        assertFalse("only the node of that site: " + ffhb, ffhb.contains("sim-02"));
        // the summary line appears with the collector's first finished round
        Await.until("the collector's round in respondd:status", WAIT, () -> shell().run("respondd:status").out()
                .matches("(?s).*collector\\s*\\|\\s*\\S+: [1-9]\\d* answers, 0 refused, 1 nodes described.*"),
                () -> shell().run("respondd:status").out());
    }

    /**
     * With a SPIFFE identity (identity:bootstrap, sim-01's), the node signs the replies a collector
     * asks the x0tta6bl4 part of, and its collector believes a signature only from the node the
     * reply describes. Two neighbours try: one signs facts about sim-02 with a certificate it made
     * itself (naming sim-02's SPIFFE ID), one replays sim-01's genuine signed reply edited to
     * describe sim-03. Their facts are shown, marked unverified; sim-01's are verified.
     */
    @Test
    public void z_aSignatureIsBelievedOnlyFromTheNodeItDescribes() throws Exception {
        shell().run("identity:bootstrap x0tta6bl4.test").assertOk();
        Await.until("an SVID", WAIT, () -> shell().run("identity:status").out().contains("READY"),
                () -> shell().run("identity:status").out());

        byte[] genuine = ask("GET nodeinfo statistics x0tta6bl4".getBytes(StandardCharsets.US_ASCII));
        assertNotNull("no signed reply", genuine);
        ObjectNode edited =
                (ObjectNode) JSON.readTree(inflate(genuine));
        JsonNode part = edited.path("x0tta6bl4");
        assertEquals("spiffe://x0tta6bl4.test/mesh/node/sim-01", part.path("spiffe_id").asText());
        assertTrue(part.toString(), part.path("chain").size() >= 1 && part.path("signature").isTextual());
        assertNull("an ordinary query gets no signature",
                JSON.readTree(inflate(ask("GET nodeinfo statistics".getBytes(StandardCharsets.US_ASCII)))).get("x0tta6bl4"));
        ObjectNode info = (ObjectNode) edited.get("nodeinfo");
        info.put("node_id", "0273696d0003");
        info.put("hostname", "tampered-03");
        info.putObject("network").put("mac", "02:73:69:6d:00:03"); // loopback has no batman-adv part: no network yet
        ((ObjectNode) info.get("system")).put("site_code", "tampered");
        ((ObjectNode) edited.get("statistics")).put("node_id", "0273696d0003");

        SelfSignedSvid own = SelfSignedSvid.naming("spiffe://x0tta6bl4.test/mesh/node/sim-02",
                Paths.get(System.getProperty("karaf.data")));
        byte[] forged = HostileResponder.signed(HostileResponder.body("02:73:69:6d:00:02", "forged-02", "forged"),
                "spiffe://x0tta6bl4.test/mesh/node/sim-02", Instant.now().getEpochSecond(), own);
        try (HostileResponder forger = new HostileResponder(Integer.getInteger(FORGER_PORT_PROPERTY), forged);
             HostileResponder replayer = new HostileResponder(Integer.getInteger(REPLAYER_PORT_PROPERTY),
                     HostileResponder.deflate(JSON.writeValueAsBytes(edited)))) {
            Await.until("sim-01 verified, the neighbours' nodes described", WAIT,
                    () -> verified("sim-01").equals("true") && shell().run("mesh:node sim-02").out().contains("forged")
                            && shell().run("mesh:node sim-03").out().contains("tampered"),
                    () -> shell().run("mesh:node sim-01").out() + shell().run("mesh:node sim-02").out()
                            + shell().run("mesh:node sim-03").out() + shell().run("respondd:status").out());
            assertEquals("a certificate the neighbour made itself", "false", verified("sim-02"));
            assertEquals("sim-01's signature over facts edited to be sim-03's", "false", verified("sim-03"));
            Await.until("the round's summary", WAIT, () -> shell().run("respondd:status").out()
                    .matches("(?s).*3 nodes described \\(1 signed by themselves\\).*"),
                    () -> shell().run("respondd:status").out());
        }
    }

    private String verified(String node) {
        Matcher m = Pattern.compile("respondd\\.verified\\s*\\|\\s*(\\w+)")
                .matcher(shell().run("mesh:node " + node).out());
        return m.find() ? m.group(1) : "absent";
    }

    private long malformed() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) malformed")
                .matcher(shell().run("respondd:status").out());
        assertTrue("respondd:status shows the refusals", m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    public void theBundleSurvivesStopAndStartWithoutLeakingItsThreadOrPort() throws Exception {
        Bundle b = bundle("io.x0tta6bl4.respondd");
        for (int round = 1; round <= 2; round++) {
            b.stop();
            Await.until("the responder thread to end", WAIT, () -> threadsNamed("x0tta6bl4-respondd").isEmpty(),
                    () -> threadsNamed("x0tta6bl4-respondd").toString());
            try (DatagramSocket free = new DatagramSocket(port())) {
                assertEquals("the port is free while stopped", port(), free.getLocalPort());
            }
            b.start();
            Await.until("one responder and one collector thread again", WAIT,
                    () -> threadsNamed("x0tta6bl4-respondd").equals(List.of("x0tta6bl4-respondd",
                            "x0tta6bl4-respondd-collector")), () -> threadsNamed("x0tta6bl4-respondd").toString());
            Await.until("answering again", WAIT, () -> {
                try {
                    return ask("nodeinfo".getBytes(StandardCharsets.US_ASCII)) != null;
                } catch (IOException e) {
                    return false;
                }
            }, () -> shell().run("respondd:status").out());
        }
        assertFalse(shell().run("respondd:show nodeinfo").out().isBlank());
    }
}
