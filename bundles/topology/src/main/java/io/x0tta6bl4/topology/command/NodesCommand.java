package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "nodes", description = "Lists the mesh nodes, UP and DOWN")
@Service
public class NodesCommand implements Action {

    @Reference
    TopologyService topology;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        TopologySnapshot snapshot = topology.snapshot();
        Map<NodeId, Integer> degree = new HashMap<>();
        for (Link l : snapshot.links().values()) {
            degree.merge(l.from(), 1, Integer::sum);
        }
        if (json) {
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (Node n : snapshot.nodes().values()) {
                nodes.add(Json.node(n, degree.getOrDefault(n.id(), 0)));
            }
            Json.print(nodes);
            return null;
        }
        Instant now = Instant.now();
        ShellTable table = new ShellTable().emptyTableText("No nodes: no mesh provider has reported yet");
        table.column("ID");
        table.column("STATE");
        table.column("ROLE");
        table.column("LINKS").alignRight();
        table.column("LAST SEEN").alignRight();
        table.column("ADDRESSES");
        for (Node n : snapshot.nodes().values()) {
            table.addRow().addContent(n.id(), n.state(), n.role(), degree.getOrDefault(n.id(), 0),
                    Console.age(n.lastSeen(), now), String.join(", ", n.addresses()));
        }
        table.print(System.out);
        return null;
    }
}
