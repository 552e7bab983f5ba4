package io.x0tta6bl4.batman.internal.alfred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/** respondd records as Gluon publishes them in alfred: gzip JSON under types 158 and 160. */
class GluonNodeTest {

    static final String NODEINFO = """
            {"node_id":"02aa00000001","hostname":"ff-kiez-01","software":{"firmware":{"release":"v2023.2.4"}},
             "network":{"mac":"02:aa:00:00:00:01","mesh":{"bat0":{"interfaces":{
               "wireless":["02:aa:00:00:01:01"],"tunnel":["02:aa:00:00:02:01"]}}}}}""";
    static final String NEIGHBOURS = """
            {"node_id":"02aa00000001","batadv":{"02:aa:00:00:01:01":{"neighbours":{
               "02:bb:00:00:01:01":{"tq":231,"lastseen":0.32},"02:cc:00:00:01:01":{"tq":0,"lastseen":90}}}}}""";

    static byte[] gzip(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void nodeinfoAndNeighboursBecomeALinkOfTheGraph() throws IOException {
        GluonNode n = GluonNode.of(gzip(NODEINFO), gzip(NEIGHBOURS));
        assertEquals("02aa00000001", n.nodeId());
        assertEquals("ff-kiez-01", n.hostname());
        assertEquals("v2023.2.4", n.firmware());
        assertEquals(List.of("02:aa:00:00:01:01", "02:aa:00:00:02:01"), n.interfaces());
        // A neighbour with TQ 0 is not a link.
        assertEquals(List.of(new VisNode.Link("02:aa:00:00:01:01", "02:bb:00:00:01:01", 231)), n.neighbours());

        VisNode v = n.toVis(Set.of("02:aa:00:00:02:01"));
        assertEquals("02:aa:00:00:02:01", v.primary());
        MeshGraph g = MeshGraph.of(List.of(v));
        assertEquals(List.of(new MeshGraph.Edge("02:aa:00:00:02:01", "02:bb:00:00:01:01", 231)), g.links());
        // Plain JSON is accepted too.
        assertEquals("ff-kiez-01", GluonNode.of(NODEINFO.getBytes(StandardCharsets.UTF_8), null).hostname());
    }

    @Test
    void garbageIsACleanError() throws IOException {
        assertThrows(AlfredFormatException.class, () -> GluonNode.of(gzip("{\"hostname\":\"x\"}"), null));
        assertThrows(AlfredFormatException.class, () -> GluonNode.of(gzip("[1,2]"), null));
        byte[] ok = gzip(NODEINFO);
        Random r = new Random(160);
        for (int i = 0; i < 5_000; i++) {
            byte[] m = ok.clone();
            m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            try {
                GluonNode.of(m, i % 2 == 0 ? m : null);
            } catch (AlfredFormatException expected) {
                // refused cleanly
            }
        }
    }
}
