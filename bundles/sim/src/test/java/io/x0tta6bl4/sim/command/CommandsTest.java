package io.x0tta6bl4.sim.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.topology.NodeId;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private final FakeControl control = new FakeControl();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void failNodeConfirmsInOneLine() throws Exception {
        assertNull(run(failNode("SIM-03")));
        assertEquals("sim-03 failed: reported lost to the topology, which marks it DOWN now\n", out());
        assertEquals("", err());
        assertEquals(List.of(NodeId.of("sim-03")), control.simulation.failedNodes());
        assertFalse(control.lastFailureSilent);
    }

    @Test
    void failNodeSilentlyLeavesItToTheTimeout() throws Exception {
        FailNodeCommand command = failNode("sim-04");
        command.silent = true;
        assertNull(run(command));
        assertEquals("sim-04 failed silently: no longer reported; the topology marks it DOWN after its node timeout\n",
                out());
        assertTrue(control.lastFailureSilent);
    }

    @Test
    void failNodeRefusesUnknownAndMalformedIds() throws Exception {
        assertNull(run(failNode("sim-99")));
        assertOneErrorLine("unknown simulated node 'sim-99'");
        reset();
        assertNull(run(failNode("no such node")));
        assertOneErrorLine("invalid node id");
        assertEquals("", out());
        assertTrue(control.simulation.failedNodes().isEmpty());
    }

    @Test
    void degradeLinkAppliesDefaults() throws Exception {
        assertNull(run(degrade("sim-02", "sim-03", null, null, null)));
        assertEquals("Link sim-02 <-> sim-03 degraded: +0.30 loss, +100 ms latency\n", out());
        var fault = control.simulation.degradedLinks().get(0).fault();
        assertEquals(0.3, fault.extraLoss());
        assertEquals(100, fault.extraLatencyMs());
        assertNull(fault.tqCap());
    }

    @Test
    void degradeLinkTakesOptions() throws Exception {
        run(degrade("sim-03", "sim-02", 0.5, 20.0, 64));
        assertEquals("Link sim-03 <-> sim-02 degraded: +0.50 loss, +20 ms latency, TQ at most 64\n", out());
        assertEquals(64, control.simulation.degradedLinks().get(0).fault().tqCap());
    }

    @Test
    void degradeLinkRefusesBadInput() throws Exception {
        String[][] cases = {
            {"sim-01", "sim-03", "no link between sim-01 and sim-03"},
            {"sim-01", "sim-09", "unknown simulated node 'sim-09'"},
        };
        for (String[] c : cases) {
            reset();
            assertNull(run(degrade(c[0], c[1], null, null, null)));
            assertOneErrorLine(c[2]);
        }
        reset();
        run(degrade("sim-01", "sim-02", 1.5, null, null));
        assertOneErrorLine("loss must be within 0..1");
        reset();
        run(degrade("sim-01", "sim-02", null, -5.0, null));
        assertOneErrorLine("latency must be within 0..60000 ms");
        reset();
        run(degrade("sim-01", "sim-02", null, null, 300));
        assertOneErrorLine("tq must be within 0..255");
        assertEquals("", out());
        assertTrue(control.simulation.degradedLinks().isEmpty());
    }

    @Test
    void recoverWithoutArgumentsRecoversEverything() throws Exception {
        control.failNode("sim-02", false);
        control.failNode("sim-04", false);
        control.degradeLink("sim-01", "sim-02", new io.x0tta6bl4.sim.internal.Degradation(0.1, 1, null));
        run(recover(null, null, false));
        assertEquals("Recovered everything: 2 node(s), 1 link(s)\n", out());
        assertTrue(control.simulation.failedNodes().isEmpty());
        assertTrue(control.simulation.degradedLinks().isEmpty());
        out.reset();
        control.failNode("sim-02", false);
        run(recover(null, null, true));
        assertEquals("Recovered everything: 1 node(s), 0 link(s)\n", out());
    }

    @Test
    void recoverOneIdRecoversANodeAndTwoALink() throws Exception {
        control.failNode("sim-02", false);
        control.degradeLink("sim-04", "sim-05", new io.x0tta6bl4.sim.internal.Degradation(0.1, 1, null));
        run(recover("sim-02", null, false));
        run(recover("sim-02", null, false));
        run(recover("sim-05", "sim-04", false));
        assertEquals("sim-02 recovered: reported again from the next tick\n"
                + "sim-02 had not failed; nothing to recover\n"
                + "Link sim-05 <-> sim-04 recovered\n", out());
        assertEquals("", err());
    }

    @Test
    void recoverRefusesBadInput() throws Exception {
        run(recover("sim-77", null, false));
        assertOneErrorLine("unknown simulated node 'sim-77'");
        reset();
        run(recover("sim-01", "sim-05", false));
        assertOneErrorLine("no link between sim-01 and sim-05");
        reset();
        control.failNode("sim-02", false);
        run(recover("sim-02", null, true));
        assertOneErrorLine("either --all or node ids");
        assertEquals(List.of(NodeId.of("sim-02")), control.simulation.failedNodes());
        assertEquals("", out());
    }

    @Test
    void statusPrintsATable() throws Exception {
        control.failNode("sim-04", false);
        control.degradeLink("sim-01", "sim-02", new io.x0tta6bl4.sim.internal.Degradation(0.25, 50, 100));
        StatusCommand status = new StatusCommand();
        status.control = control;
        run(status);
        String text = out();
        for (String expected : List.of("shape", "line", "nodes alive", "failed nodes", "sim-04", "ticks", "17",
                "sim-01 <-> sim-02", "0.25", "50", "100")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in\n" + text);
        }
    }

    @Test
    void statusPrintsJson() throws Exception {
        control.failNode("sim-04", false);
        control.degradeLink("sim-01", "sim-02", new io.x0tta6bl4.sim.internal.Degradation(0.25, 50, null));
        StatusCommand status = new StatusCommand();
        status.control = control;
        status.json = true;
        run(status);
        Map<?, ?> json = new ObjectMapper().readValue(out(), Map.class);
        assertEquals("line", json.get("shape"));
        assertEquals(5, json.get("size"));
        assertEquals(4, json.get("nodesAlive"));
        assertEquals(List.of("sim-04"), json.get("failedNodes"));
        assertEquals(17, json.get("ticks"));
        assertEquals(1000, json.get("intervalMs"));
        Map<?, ?> link = (Map<?, ?>) ((List<?>) json.get("degradedLinks")).get(0);
        assertEquals("sim-01", link.get("a"));
        assertEquals(0.25, link.get("extraLoss"));
        assertTrue(link.containsKey("tqCap") && link.get("tqCap") == null);
    }

    @Test
    void completerOffersSimulatedNodeIds() {
        SimNodeCompleter completer = new SimNodeCompleter();
        completer.control = control;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, commandLine("sim:fail-node sim-0"), candidates);
        assertEquals(5, candidates.size(), candidates.toString());
        assertTrue(candidates.stream().allMatch(c -> c.trim().startsWith("sim-0")));
        candidates.clear();
        completer.complete(null, commandLine("sim:fail-node sim-04"), candidates);
        assertEquals(List.of("sim-04"), candidates.stream().map(String::trim).toList());
    }

    private FailNodeCommand failNode(String id) {
        FailNodeCommand command = new FailNodeCommand();
        command.control = control;
        command.node = id;
        return command;
    }

    private DegradeLinkCommand degrade(String a, String b, Double loss, Double latency, Integer tq) {
        DegradeLinkCommand command = new DegradeLinkCommand();
        command.control = control;
        command.a = a;
        command.b = b;
        if (loss != null) {
            command.loss = loss;
        }
        if (latency != null) {
            command.latency = latency;
        }
        command.tq = tq;
        return command;
    }

    private RecoverCommand recover(String first, String second, boolean all) {
        RecoverCommand command = new RecoverCommand();
        command.control = control;
        command.first = first;
        command.second = second;
        command.all = all;
        return command;
    }

    /** The failure the last command threw, as Karaf's shell would print it; null while none did. */
    private CommandException failure;

    private Object run(Action action) throws Exception {
        try {
            return action.execute();
        } catch (CommandException e) {
            failure = e;
            return null;
        }
    }

    private void reset() {
        err.reset();
        failure = null;
    }

    /** The command failed the Karaf way: it threw one line, and printed nothing to stderr. */
    private void assertOneErrorLine(String expected) {
        assertNotNull(failure, "the command did not fail");
        assertEquals("", err(), "nothing on stderr");
        String text = failure.getMessage() + "\n";
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "not one line: " + text);
        assertTrue(text.contains(expected), "expected '" + expected + "' in: " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** The command line as the console sees it with the cursor at the end. */
    private static CommandLine commandLine(String buffer) {
        String[] arguments = buffer.split(" ");
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return arguments.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return arguments[arguments.length - 1];
            }

            @Override
            public int getArgumentPosition() {
                return getCursorArgument().length();
            }

            @Override
            public String[] getArguments() {
                return arguments;
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }
}
