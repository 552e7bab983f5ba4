package io.x0tta6bl4.topology.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.topology.internal.TopologyManager;

import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics commands against the real topology service (not activated: no threads,
 * every call its own version). The mesh: a square a-b-c-d with a tail d-e.
 */
class AnalyticsCommandsTest {

    private final TopologyManager topology = new TopologyManager();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @BeforeEach
    void mesh() {
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Instant now = Instant.now();
        List<NodeObservation> nodes = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) {
            nodes.add(NodeObservation.seen(NodeId.of(n), now));
        }
        List<LinkObservation> links = new ArrayList<>();
        for (String[] pair : new String[][] {{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "a"}, {"d", "e"}}) {
            links.add(new LinkObservation(LinkId.of(pair[0], pair[1]), new LinkMetrics(10.0, null, 0.0, 255), now));
            links.add(new LinkObservation(LinkId.of(pair[1], pair[0]), new LinkMetrics(10.0, null, 0.0, 255), now));
        }
        topology.report("sim", nodes, links);
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String refused(Action command) {
        return Refusals.refused(command, out, err);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out());
    }

    @Test
    void criticalNamesTheTailNodeAndLink() throws Exception {
        CriticalCommand c = new CriticalCommand();
        c.topology = topology;
        c.execute();
        assertTrue(out().contains("node") && out().contains(" d "), out());
        assertTrue(out().contains("d <-> e"), out());
        assertTrue(out().contains("1 critical nodes, 1 critical links"), out());
        out.reset();
        c.json = true;
        c.execute();
        assertEquals("d", json().get("articulationPoints").get(0).asText());
        assertEquals("e", json().get("bridges").get(0).get(1).asText());
    }

    @Test
    void pathsListsTheTwoWaysRoundTheSquare() throws Exception {
        PathsCommand c = new PathsCommand();
        c.topology = topology;
        c.source = "a";
        c.destination = "c";
        c.k = 5;
        c.json = true;
        c.execute();
        JsonNode paths = json();
        assertEquals(2, paths.size(), "only two loopless ways from a to c");
        assertEquals(paths.get(0).get("cost").asDouble(), paths.get(1).get("cost").asDouble(), 1e-9);
    }

    @Test
    void pathsRefusesABadK() throws Exception {
        PathsCommand c = new PathsCommand();
        c.topology = topology;
        c.source = "a";
        c.destination = "c";
        c.k = 0;
        assertEquals("Error: --k must be within 1..100, was 0", refused(c));
    }

    @Test
    void disjointFindsBothSidesOfTheSquareAndExplainsWhenThereAreNone() throws Exception {
        DisjointCommand c = new DisjointCommand();
        c.topology = topology;
        c.source = "a";
        c.destination = "c";
        c.node = true;
        c.execute();
        assertTrue(out().contains("a > b > c") && out().contains("a > d > c"), out());
        assertTrue(out().contains("node-disjoint, total cost"), out());
        out.reset();
        DisjointCommand tail = new DisjointCommand();
        tail.topology = topology;
        tail.source = "a";
        tail.destination = "e";
        assertTrue(refused(tail).contains("single point of failure"));
    }

    @Test
    void linkShowsBothDirectionsWithPenaltyAndHistory() throws Exception {
        topology.penalize(LinkId.of("a", "b"), 4, Duration.ofMinutes(5), "flapping");
        LinkCommand c = new LinkCommand();
        c.topology = topology;
        c.admin = topology;
        c.a = "a";
        c.b = "b";
        c.history = true;
        c.execute();
        String text = out();
        assertTrue(text.contains("x4.00 for ") && text.contains("(flapping)"), text);
        assertTrue(text.contains("History of a->b (1 samples)") && text.contains("History of b->a"), text);
        out.reset();
        c.json = true;
        c.execute();
        JsonNode j = json();
        assertEquals(4.0, j.get("links").get(0).get("penalty").get("factor").asDouble(), 1e-9);
        assertEquals(10.0, j.get("history").get("a->b").get(0).get("latencyMs").asDouble(), 1e-9);
    }

    @Test
    void linkBetweenUnlinkedNodesIsOneLine() throws Exception {
        LinkCommand c = new LinkCommand();
        c.topology = topology;
        c.a = "a";
        c.b = "e";
        assertEquals("Error: No link between a and e (mesh:links a lists its links)", refused(c));
    }

    @Test
    void penalizeAndClear() throws Exception {
        PenalizeCommand c = new PenalizeCommand();
        c.topology = topology;
        c.admin = topology;
        c.a = "b";
        c.b = "c";
        c.factor = "inf";
        c.duration = "90s";
        c.execute();
        assertTrue(topology.penalties().get(0).excludes());
        assertEquals(Duration.ofSeconds(90), PenalizeCommand.parse("90s"));
        assertEquals(Duration.ofHours(2), PenalizeCommand.parse("PT2H"));
        assertNull(PenalizeCommand.parse("soon"));
        PenalizeCommand clear = new PenalizeCommand();
        clear.topology = topology;
        clear.admin = topology;
        clear.a = "c";
        clear.b = "b";
        clear.clear = true;
        clear.execute();
        assertTrue(topology.penalties().isEmpty());
        assertTrue(out().contains("Lifted the penalty on c->b"), out());
    }

    @Test
    void penalizeRefusesABadFactorInOneLine() throws Exception {
        PenalizeCommand c = new PenalizeCommand();
        c.topology = topology;
        c.admin = topology;
        c.a = "b";
        c.b = "c";
        c.factor = "0.5";
        assertEquals("Error: penalty factor must be >= 1, was 0.5", refused(c));
    }

    @Test
    void componentsAndStats() throws Exception {
        ComponentsCommand c = new ComponentsCommand();
        c.topology = topology;
        c.json = true;
        c.execute();
        assertEquals(5, json().get(0).get("size").asInt());
        out.reset();
        StatsCommand s = new StatsCommand();
        s.topology = topology;
        s.json = true;
        s.execute();
        assertEquals(3, json().get("diameterHops").asInt(), "b to e");
        assertEquals(json().get("version").asLong(), json().get("currentVersion").asLong());
    }
}
