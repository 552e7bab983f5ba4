package io.x0tta6bl4.batman.internal.alfred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.batman.internal.Fixtures;

import org.junit.jupiter.api.Test;

/** batadv-vis records of the captured line mesh (from batadv-vis's own jsondoc output of the same run). */
class VisNodeTest {

    static List<VisNode> fromJsonDoc(String json) throws IOException {
        List<VisNode> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json).get("vis")) {
            List<String> ifaces = new ArrayList<>();
            ifaces.add(n.get("primary").asText());
            n.path("secondary").forEach(s -> ifaces.add(s.asText()));
            List<VisNode.Link> links = new ArrayList<>();
            // batadv-vis prints the metric as 255 / TQ.
            n.path("neighbors").forEach(l -> links.add(new VisNode.Link(l.get("router").asText(),
                    l.get("neighbor").asText(), (int) Math.round(255 / Double.parseDouble(l.get("metric").asText())))));
            List<String> clients = new ArrayList<>();
            n.path("clients").forEach(c -> clients.add(c.asText()));
            out.add(new VisNode(n.get("primary").asText(), ifaces, links, clients));
        }
        return out;
    }

    @Test
    void recordsRoundTripAndJoinTheLine() throws IOException {
        List<VisNode> records = fromJsonDoc(Fixtures.text("steady", "A", "vis-jsondoc.json"));
        assertEquals(3, records.size());
        for (VisNode r : records) {
            assertEquals(r, VisNode.decode(r.encode()));
        }
        VisNode b = records.get(0);
        byte[] bytes = b.encode();
        assertEquals(8 + 2 * 6 + (2 + 4) * 8, bytes.length);
        // As batadv-vis 2023.0 sends it: the header MAC left zero, the primary is the first interface.
        java.util.Arrays.fill(bytes, 0, 6, (byte) 0);
        assertEquals(b, VisNode.decode(bytes));

        MeshGraph g = MeshGraph.of(records);
        Set<String> edges = g.links().stream().map(e -> e.from() + ">" + e.to() + ":" + e.tq()).collect(Collectors.toSet());
        // C hears B on B's secondary interface 02:00:00:00:02:03: still the edge C > B.
        assertEquals(Set.of("02:00:00:00:02:01>02:00:00:00:03:02:255", "02:00:00:00:02:01>02:00:00:00:01:02:255",
                "02:00:00:00:01:02>02:00:00:00:02:01:255", "02:00:00:00:03:02>02:00:00:00:02:01:255"), edges);
    }

    @Test
    void malformedRecordsAreCleanErrors() throws IOException {
        assertThrows(AlfredFormatException.class, () -> VisNode.decode(new byte[7]));
        byte[] ok = fromJsonDoc(Fixtures.text("steady", "A", "vis-jsondoc.json")).get(0).encode();
        assertThrows(AlfredFormatException.class, () -> VisNode.decode(Arrays.copyOf(ok, ok.length - 1)));
        byte[] badIndex = ok.clone();
        badIndex[8 + 12 + 6] = 7; // first entry on interface 7 of 2
        AlfredFormatException e = assertThrows(AlfredFormatException.class, () -> VisNode.decode(badIndex));
        assertTrue(e.getMessage().contains("interface 7 of 2"), e.getMessage());

        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = ok.clone();
            if (r.nextBoolean()) {
                m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            } else {
                m = Arrays.copyOf(m, r.nextInt(m.length + 8));
            }
            try {
                VisNode.decode(m);
            } catch (AlfredFormatException expected) {
                // refused cleanly
            } catch (RuntimeException other) {
                throw new AssertionError(other + " on " + HexFormat.of().formatHex(m), other);
            }
        }
    }
}
