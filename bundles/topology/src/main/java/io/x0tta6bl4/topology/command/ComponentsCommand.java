package io.x0tta6bl4.topology.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "components", description = "Lists the connected parts of the mesh, largest first")
@Service
public class ComponentsCommand implements Action {

    /** Members listed per component in the table; --json lists them all. */
    static final int SHOWN = 8;

    @Reference
    TopologyService topology;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<SortedSet<NodeId>> components = topology.components();
        if (json) {
            Commands.json(components.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("size", c.size());
                m.put("nodes", c.stream().map(NodeId::value).toList());
                return m;
            }).toList());
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No UP nodes");
        table.column("#").alignRight();
        table.column("NODES").alignRight();
        table.column("MEMBERS");
        for (int i = 0; i < components.size(); i++) {
            SortedSet<NodeId> c = components.get(i);
            List<String> shown = c.stream().limit(SHOWN).map(NodeId::value).toList();
            table.addRow().addContent(i + 1, c.size(), String.join(" ", shown)
                    + (c.size() > SHOWN ? " ... (+" + (c.size() - SHOWN) + ")" : ""));
        }
        table.print(System.out);
        return null;
    }
}
