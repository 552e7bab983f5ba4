package io.x0tta6bl4.topology.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.Optional;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private final FakeTopologyService topology = new FakeTopologyService();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @BeforeEach
    void capture() {
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String refused(Action command) {
        return Refusals.refused(command, out, err);
    }

    private NodeCommand node(String id, boolean json) {
        NodeCommand c = new NodeCommand();
        c.topology = topology;
        c.id = id;
        c.json = json;
        return c;
    }

    private PathCommand path(String from, String to, String weigher, boolean json) {
        PathCommand c = new PathCommand();
        c.topology = topology;
        c.source = from;
        c.destination = to;
        c.weigher = weigher;
        c.json = json;
        return c;
    }

    @Test
    void unknownNode() throws Exception {
        String e = refused(node("zz", false));
        assertTrue(e.contains("unknown node 'zz'"), e);
    }

    @Test
    void aCommandAskedForJsonFailsWithAJsonObject() throws Exception {
        JsonNode e = new ObjectMapper().readTree(refusedJson(node("zz", true)));
        assertTrue(e.path("error").asText().startsWith("unknown node 'zz'"), e.toString());
        assertEquals(1, e.size(), e.toString());
        JsonNode p = new ObjectMapper().readTree(refusedJson(path("a", "c", null, true)));
        assertTrue(p.path("error").asText().startsWith("No path from a (UP) to c (DOWN)"), p.toString());
    }

    /** A JSON failure is one indented object: several lines, but nothing on stdout or stderr. */
    private String refusedJson(Action command) {
        String e = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.karaf.shell.support.CommandException.class, command::execute).getMessage();
        assertEquals("", out(), "nothing on stdout");
        assertEquals("", err(), "nothing on stderr");
        return e;
    }

    @Test
    void malformedNodeId() throws Exception {
        String e = refused(node("bad id!", false));
        assertTrue(e.contains("invalid node id"), e);
    }

    @Test
    void fromThisNodeThePathShownTakesTheMeshRoutingsFirstHopAndSaysWhereTheModelDiffers() throws Exception {
        Link ac = new Link(LinkId.of("a", "c"), FakeTopologyService.A_B.metrics(), FakeTopologyService.A_B.quality(),
                FakeTopologyService.T);
        Link cb = new Link(LinkId.of("c", "b"), FakeTopologyService.A_B.metrics(), FakeTopologyService.A_B.quality(),
                FakeTopologyService.T);
        topology.forwarded = Optional.of(new Path(List.of(NodeId.of("a"), NodeId.of("c"), NodeId.of("b")),
                List.of(ac, cb), 2.5, "hops"));
        assertNull(path("a", "b", "hops", false).execute());
        String o = out();
        assertTrue(o.contains("2 hops, total cost 2.50"), o);
        assertTrue(o.contains("First hop c is the mesh routing's; x0tta6bl4's cost model would go via b: a > b, total cost 1.25"), o);
        out.reset();
        assertNull(path("a", "b", "hops", true).execute());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals("c", j.path("hops").get(1).asText(), j.toString());
        assertEquals("mesh routing", j.path("firstHop").asText(), j.toString());
        assertEquals("b", j.path("model").path("hops").get(1).asText(), j.toString());
    }

    @Test
    void withoutMeshRoutingThePathIsTheCostModels() throws Exception {
        assertNull(path("a", "b", "hops", true).execute());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals("cost model", j.path("firstHop").asText(), j.toString());
        assertTrue(j.path("model").isMissingNode(), j.toString());
    }

    @Test
    void aNextHopNoKnownNodeOwnsIsNamedBesideTheModelsPath() throws Exception {
        topology.routedFromA("02:00:00:00:0d:02");
        assertNull(path("a", "b", "hops", false).execute());
        assertTrue(out().contains("This is x0tta6bl4's cost model's path: the mesh routing forwards via "
                + "02:00:00:00:0d:02, an interface no known node owns yet"), out());
        out.reset();
        assertNull(path("a", "b", "hops", true).execute());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals("cost model", j.path("firstHop").asText(), j.toString());
        assertEquals("02:00:00:00:0d:02", j.path("routingNextHop").asText(), j.toString());
    }

    @Test
    void linksAsJsonCarryTheSnapshotVersionTheyWereReadFrom() throws Exception {
        LinksCommand c = new LinksCommand();
        c.topology = topology;
        c.json = true;
        c.node = "a";
        assertNull(c.execute());
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals(topology.snapshot().version(), j.path("version").asLong(-1), j.toString());
        assertEquals("a", j.path("node").asText(), j.toString());
        assertTrue(j.path("links").size() > 0, j.toString());
        j.path("links").forEach(l -> assertTrue(l.path("from").asText().equals("a") || l.path("to").asText().equals("a"), l.toString()));
    }

    @Test
    void linksOfAnUnknownNode() throws Exception {
        LinksCommand c = new LinksCommand();
        c.topology = topology;
        c.node = "zz";
        assertTrue(refused(c).contains("unknown node"));
    }

    @Test
    void pathWithAnUnknownEnd() throws Exception {
        assertTrue(refused(path("a", "zz", null, false)).contains("'zz'"));
        err.reset();
        assertTrue(refused(path("zz", "a", null, false)).contains("'zz'"));
    }

    @Test
    void pathWithAnUnknownWeigher() throws Exception {
        String e = refused(path("a", "b", "fastest", false));
        assertTrue(e.contains("unknown weigher 'fastest'") && e.contains("hops"), e);
    }

    @Test
    void noPath() throws Exception {
        String e = refused(path("a", "c", null, false));
        assertTrue(e.startsWith("Error: No path from a (UP) to c (DOWN)"), e);
    }

    @Test
    void pathPrintsHopsAndTotalCost() throws Exception {
        assertNull(path("a", "b", "hops", false).execute());
        String o = out();
        assertTrue(o.contains("a") && o.contains("b"), o);
        assertTrue(o.contains("1 hops, total cost 1.25 (weigher hops)"), o);
        assertEquals("", err());
    }

    @Test
    void pathJson() throws Exception {
        path("a", "b", null, true).execute();
        JsonNode p = new ObjectMapper().readTree(out());
        assertEquals(List.of("a", "b"), List.of(p.get("hops").get(0).asText(), p.get("hops").get(1).asText()));
        assertEquals(1.25, p.get("cost").asDouble());
        assertEquals("quality", p.get("weigher").asText());
    }

    @Test
    void nodesTableHasTheExpectedColumns() throws Exception {
        NodesCommand c = new NodesCommand();
        c.topology = topology;
        c.execute();
        String header = out().lines().findFirst().orElse("");
        List<String> order = new ArrayList<>();
        for (String col : List.of("ID", "STATE", "ROLE", "LINKS", "LAST SEEN", "ADDRESSES")) {
            assertTrue(header.contains(col), header);
            order.add(col);
        }
        assertTrue(header.indexOf("ID") < header.indexOf("STATE") && header.indexOf("LAST SEEN")
                < header.indexOf("ADDRESSES"), header);
        assertTrue(out().contains("DOWN"));
    }

    @Test
    void nodesJsonIsAnArrayWithIsoInstants() throws Exception {
        NodesCommand c = new NodesCommand();
        c.topology = topology;
        c.json = true;
        c.execute();
        JsonNode nodes = new ObjectMapper().readTree(out());
        assertTrue(nodes.isArray());
        assertEquals(3, nodes.size());
        assertEquals("a", nodes.get(0).get("id").asText());
        assertEquals(1, nodes.get(0).get("links").asInt());
        assertEquals("2026-01-01T00:00:00Z", nodes.get(0).get("lastSeen").asText());
        assertEquals("DOWN", nodes.get(2).get("state").asText());
    }

    @Test
    void nodeShowsItsLinks() throws Exception {
        node("A", false).execute();
        assertTrue(out().contains("a") && out().contains("0.80") && out().contains("204"), out());
        out.reset();
        node("a", true).execute();
        JsonNode n = new ObjectMapper().readTree(out());
        assertEquals("b", n.get("links").get(0).get("to").asText());
    }

    @Test
    void statsShowEveryFigure() throws Exception {
        StatsCommand c = new StatsCommand();
        c.topology = topology;
        c.execute();
        for (String figure : List.of("Version", "Nodes", "Nodes up", "Links", "Average degree", "Components",
                "Diameter (hops)", "Diameter (cost)", "Average quality")) {
            assertTrue(out().contains(figure), figure);
        }
        out.reset();
        c.json = true;
        c.execute();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper().readValue(out(), Map.class);
        assertEquals(1, m.get("components"));
        assertEquals(1.25, m.get("diameterCost"));
    }

    @Test
    void nodeIdsComplete() {
        NodeIdCompleter ids = new NodeIdCompleter();
        ids.topology = topology;
        List<String> candidates = new ArrayList<>();
        ids.complete(null, new Line(""), candidates);
        assertEquals(List.of("a", "b", "c"), candidates.stream().map(String::trim).toList());
        candidates.clear();
        ids.complete(null, new Line("b"), candidates);
        assertEquals(List.of("b"), candidates.stream().map(String::trim).toList());
    }

    @Test
    void weighersComplete() {
        WeigherCompleter weighers = new WeigherCompleter();
        weighers.topology = topology;
        List<String> candidates = new ArrayList<>();
        weighers.complete(null, new Line("l"), candidates);
        assertEquals(List.of("latency"), candidates.stream().map(String::trim).toList());
    }

    /** A command line whose cursor sits at the end of one argument. */
    private record Line(String word) implements CommandLine {

        @Override
        public int getCursorArgumentIndex() {
            return 1;
        }

        @Override
        public String getCursorArgument() {
            return word;
        }

        @Override
        public int getArgumentPosition() {
            return word.length();
        }

        @Override
        public String[] getArguments() {
            return new String[] {"mesh:node", word};
        }

        @Override
        public int getBufferPosition() {
            return getBuffer().length();
        }

        @Override
        public String getBuffer() {
            return "mesh:node " + word;
        }
    }
}
