package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.x0tta6bl4.support.testing.Waits;

/** The responder on a real UDP socket on loopback, asked by a plain socket as yanic would. */
class ResponderTest {

    /** 6 KiB of random base64: DEFLATE cannot pack it under the 1400-byte cap. */
    private static final String NOISE;

    static {
        byte[] b = new byte[4600];
        new java.util.Random(7).nextBytes(b);
        NOISE = java.util.Base64.getEncoder().encodeToString(b);
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<String> log = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    private static final Function<String, Map<String, Object>> PARTS = type -> switch (type) {
        case "nodeinfo" -> Map.of("node_id", "02000000000a", "hostname", "node-a");
        case "statistics" -> Map.of("node_id", "02000000000a", "uptime", 12.5);
        case "neighbours" -> Map.of("node_id", "02000000000a", "batadv", Map.of("big", "x".repeat(20_000)));
        case "noise" -> Map.of("random", NOISE);
        default -> Map.of();
    };

    private static RespondConfig config(String iface, List<Cidr> allow, double perSource) {
        return new RespondConfig(true, iface, 0, List.of(), 1400, 1000, perSource, allow, "", "", "", null, null, "", 0, 500, 64, List.of());
    }

    private static List<Cidr> loopbackAllowed() {
        return List.of(Cidr.parse("127.0.0.0/8").orElseThrow(), Cidr.parse("::1/128").orElseThrow());
    }

    private Responder start(RespondConfig config) throws IOException {
        Responder r = new Responder(config, PARTS, line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        open.add(r);
        return r;
    }

    private DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        open.add(s);
        return s;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static void send(DatagramSocket s, Responder r, byte[] q) throws IOException {
        s.send(new DatagramPacket(q, q.length, new InetSocketAddress(LOOPBACK, r.port())));
    }

    private static byte[] receive(DatagramSocket s, int ms) throws IOException {
        s.setSoTimeout(ms);
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return java.util.Arrays.copyOf(p.getData(), p.getLength());
    }

    @Test
    void aGetQueryGetsOneDeflatedDatagramOfTheKnownTypes() throws Exception {
        Responder r = start(config("lo", loopbackAllowed(), 100));
        DatagramSocket s = client();
        send(s, r, "GET nodeinfo statistics weather".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = receive(s, 5000);
        JsonNode json = new ObjectMapper().readTree(RespondCodec.inflate(reply, reply.length, 64 * 1024));
        assertEquals("node-a", json.path("nodeinfo").path("hostname").asText());
        assertEquals(12.5, json.path("statistics").path("uptime").asDouble());
        assertFalse(json.has("weather"), "an unknown type is left out");
        // counted once the datagram is sent, which may be after it arrived here
        Waits.until("the answer counted", Duration.ofSeconds(5), () -> r.counters().answered.get() == 1,
                () -> "answered " + r.counters().answered.get());
    }

    @Test
    void theLegacyQueryGetsPlainJsonOfThatType() throws Exception {
        Responder r = start(config("lo", loopbackAllowed(), 100));
        DatagramSocket s = client();
        send(s, r, "nodeinfo".getBytes(StandardCharsets.US_ASCII));
        JsonNode json = new ObjectMapper().readTree(receive(s, 5000));
        assertEquals("node-a", json.path("hostname").asText());
    }

    @Test
    void aReplyOverTheCapLeavesTheLargestTypeOutAndSaysSo() throws Exception {
        Responder r = start(config("lo", loopbackAllowed(), 100));
        DatagramSocket s = client();
        send(s, r, "GET nodeinfo noise neighbours".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = receive(s, 5000);
        assertTrue(reply.length <= 1400, "reply of " + reply.length + " bytes");
        JsonNode json = new ObjectMapper().readTree(RespondCodec.inflate(reply, reply.length, 64 * 1024));
        assertTrue(json.has("nodeinfo"));
        assertTrue(json.has("neighbours"), "20 kB of one letter deflates under the cap");
        assertFalse(json.has("noise"));
        assertEquals(1, r.counters().cut.get());
        synchronized (log) {
            assertTrue(log.stream().anyMatch(l -> l.contains("leaves out [noise]") && l.contains("reply.max.bytes=1400")),
                    log.toString());
        }
    }

    @Test
    void malformedAndOversizedQueriesGetNothingAndAreCounted() throws Exception {
        Responder r = start(config("lo", loopbackAllowed(), 100));
        DatagramSocket s = client();
        send(s, r, "GET nodeinfo;reboot".getBytes(StandardCharsets.US_ASCII));
        send(s, r, ("GET " + "nodeinfo ".repeat(200)).getBytes(StandardCharsets.US_ASCII));
        send(s, r, new byte[1400]);
        Waits.until("three refusals", Duration.ofSeconds(5), () -> r.counters().malformed.get() == 3,
                () -> "malformed " + r.counters().malformed.get());
        assertNull(receive(s, 1), "no reply to any of them");
        assertEquals(0, r.counters().answered.get());
        synchronized (log) {
            assertEquals(1, log.stream().filter(l -> l.startsWith("Query from")).count(),
                    "one log line for the kind, not one per query: " + log);
        }
    }

    @Test
    void aQueryFromOffTheMeshGetsNothing() throws Exception {
        // the mesh interface does not exist and no prefix is allowed: loopback is not the mesh
        Responder r = start(config("nomesh0", List.of(), 100));
        DatagramSocket s = client();
        send(s, r, "GET nodeinfo".getBytes(StandardCharsets.US_ASCII));
        Waits.until("the refusal", Duration.ofSeconds(5), () -> r.counters().foreign.get() == 1,
                () -> "foreign " + r.counters().foreign.get());
        assertNull(receive(s, 1));
        assertTrue(r.counters().lastRefusal.contains("not on nomesh0 nor in allow.sources"), r.counters().lastRefusal);
    }

    @Test
    void aSourceOnTheMeshInterfacesOwnPrefixIsAnswered() throws Exception {
        Responder r = start(config("lo", List.of(), 100)); // 127.0.0.1 is inside lo's 127.0.0.0/8
        DatagramSocket s = client();
        Waits.until("lo seen", Duration.ofSeconds(5), () -> r.mesh() != null, () -> "no mesh interface");
        send(s, r, "GET nodeinfo".getBytes(StandardCharsets.US_ASCII));
        assertTrue(receive(s, 5000) != null);
    }

    @Test
    void aFloodFromOneSourceGetsNoMoreThanItsBurstOfReplies() throws Exception {
        Responder r = start(config("lo", loopbackAllowed(), 5));
        DatagramSocket s = client();
        byte[] q = "GET nodeinfo".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            send(s, r, q);
        }
        Waits.until("all 200 handled", Duration.ofSeconds(10),
                () -> r.counters().answered.get() + r.counters().limited.get() == 200,
                () -> "answered " + r.counters().answered.get() + ", limited " + r.counters().limited.get());
        // burst of 10 plus what 5/s refills while the flood is read
        assertTrue(r.counters().answered.get() <= 20, "answered " + r.counters().answered.get());
        assertTrue(r.counters().limited.get() >= 180);
    }

    @Test
    void closingReleasesThePortAndTheThread() throws Exception {
        Responder r = new Responder(config("lo", loopbackAllowed(), 5), PARTS, line -> { });
        int port = r.port();
        r.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(Responder.THREAD) && t.isAlive()), "thread left running");
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(port))) {
            assertEquals(port, again.getLocalPort());
        }
    }
}
