package io.x0tta6bl4.topology.command;

import java.util.Map;

import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologyStatistics;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.json.TopologyJson;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "stats", description = "Shows figures about the current topology")
@Service
public class StatsCommand implements Action {

    @Reference
    TopologyService topology;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        TopologyStatistics s = topology.statistics();
        long current = topology.version();
        if (json) {
            Map<String, Object> m = TopologyJson.statistics(s);
            m.put("currentVersion", current);
            Commands.json(m);
            return null;
        }
        ShellTable table = new ShellTable().noHeaders();
        table.column("FIGURE");
        table.column("VALUE").alignRight();
        table.addRow().addContent("Version", s.version());
        table.addRow().addContent("Nodes", s.nodes());
        table.addRow().addContent("Nodes up", s.nodesUp());
        table.addRow().addContent("Links", s.links());
        table.addRow().addContent("Average degree", Format.decimal(s.averageDegree()));
        table.addRow().addContent("Components", s.components());
        boolean pending = s.diameterHops() < 0;
        table.addRow().addContent("Diameter (hops)", pending ? "pending" : s.diameterHops());
        table.addRow().addContent("Diameter (cost)", pending ? "pending" : Format.decimal(s.diameterCost()));
        table.addRow().addContent("Average quality", Format.decimal(s.averageQuality()));
        table.print(System.out);
        if (pending) {
            System.out.println("The diameters of this large mesh are being computed in the background: ask again");
        } else if (s.version() != current) {
            System.out.println("Figures of version " + s.version() + "; the mesh is at version " + current
                    + " (a large mesh is analysed in the background: ask again for newer figures)");
        }
        return null;
    }
}
