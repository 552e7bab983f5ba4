package io.x0tta6bl4.topology.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "critical",
        description = "Lists the single points of failure: nodes and links whose loss splits the mesh")
@Service
public class CriticalCommand implements Action {

    @Reference
    TopologyService topology;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        CriticalElements c = topology.critical();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", c.version());
            m.put("articulationPoints", c.articulationPoints().stream().map(NodeId::value).toList());
            m.put("bridges", c.bridges().stream().map(b -> List.of(b.from().value(), b.to().value())).toList());
            Commands.json(m);
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No single point of failure: every part of the mesh "
                + "survives the loss of any one node or link");
        table.column("KIND");
        table.column("ELEMENT");
        table.column("LINKS").alignRight();
        for (NodeId n : c.articulationPoints()) {
            table.addRow().addContent("node", n, topology.links(n).size());
        }
        for (LinkId b : c.bridges()) {
            table.addRow().addContent("link", b.from() + " <-> " + b.to(), "");
        }
        table.print(System.out);
        System.out.println(c.articulationPoints().size() + " critical nodes, " + c.bridges().size()
                + " critical links (version " + c.version() + ")");
        return null;
    }
}
