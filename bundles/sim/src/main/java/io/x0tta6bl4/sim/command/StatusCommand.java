package io.x0tta6bl4.sim.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.sim.internal.Degradation;
import io.x0tta6bl4.sim.internal.SimConfig;
import io.x0tta6bl4.sim.internal.SimStatus;
import io.x0tta6bl4.sim.internal.Simulation;
import io.x0tta6bl4.sim.internal.SimAdmin;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sim", name = "status",
        description = "Shows the simulated mesh: its configuration, alive and failed nodes, degraded links.")
@Service
public class StatusCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference
    SimAdmin control;

    @Option(name = "--json", description = "Print JSON instead of tables")
    boolean json;

    @Override
    public Object execute() throws JsonProcessingException {
        SimStatus status = control.status();
        if (json) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toMap(status)));
            return null;
        }
        SimConfig c = status.config();
        ShellTable summary = new ShellTable();
        summary.column("Property");
        summary.column("Value");
        summary.addRow().addContent("shape", c.shape().label());
        summary.addRow().addContent("size", status.nodes());
        summary.addRow().addContent("seed", c.seed());
        summary.addRow().addContent("interval", c.intervalMs() + " ms");
        summary.addRow().addContent("jitter", Format.decimal(c.jitter()));
        summary.addRow().addContent("churn", Format.decimal(c.churn()));
        summary.addRow().addContent("links", status.links() + " (x2 directed)");
        summary.addRow().addContent("nodes alive", status.alive());
        summary.addRow().addContent("failed nodes", status.failedNodes().isEmpty() ? "none" : join(status.failedNodes()));
        summary.addRow().addContent("degraded links", status.degradedLinks().size());
        summary.addRow().addContent("ticks", status.ticks());
        summary.print(System.out);

        if (!status.degradedLinks().isEmpty()) {
            System.out.println();
            ShellTable links = new ShellTable();
            links.column("Link");
            links.column("+Loss").alignRight();
            links.column("+Latency ms").alignRight();
            links.column("TQ cap").alignRight();
            for (Simulation.DegradedLink link : status.degradedLinks()) {
                Degradation f = link.fault();
                links.addRow().addContent(link.a() + " <-> " + link.b(), Format.decimal(f.extraLoss()),
                        Format.number(f.extraLatencyMs()), f.tqCap() == null ? "-" : f.tqCap());
            }
            links.print(System.out);
        }
        return null;
    }

    static Map<String, Object> toMap(SimStatus status) {
        SimConfig c = status.config();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("shape", c.shape().label());
        map.put("size", status.nodes());
        map.put("seed", c.seed());
        map.put("intervalMs", c.intervalMs());
        map.put("jitter", c.jitter());
        map.put("churn", c.churn());
        map.put("links", status.links());
        map.put("nodesAlive", status.alive());
        map.put("failedNodes", status.failedNodes().stream().map(NodeId::value).toList());
        List<Map<String, Object>> degraded = new ArrayList<>();
        for (Simulation.DegradedLink link : status.degradedLinks()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("a", link.a().value());
            entry.put("b", link.b().value());
            entry.put("extraLoss", link.fault().extraLoss());
            entry.put("extraLatencyMs", link.fault().extraLatencyMs());
            entry.put("tqCap", link.fault().tqCap());
            degraded.add(entry);
        }
        map.put("degradedLinks", degraded);
        map.put("ticks", status.ticks());
        return map;
    }

    private static String join(List<NodeId> ids) {
        return String.join(", ", ids.stream().map(NodeId::value).toList());
    }
}
