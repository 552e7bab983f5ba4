package io.x0tta6bl4.batman.command;

import java.util.List;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.Neighbor;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "batman", name = "neighbors", description = "Lists the one-hop batman-adv neighbours")
@Service
public class NeighborsCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<Neighbor> rows;
        try {
            rows = admin.neighbors();
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
        if (json) {
            Commands.json(rows);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("NEIGHBOR");
        table.column("IF");
        table.column("LAST SEEN").alignRight();
        table.column("MBIT/S").alignRight();
        for (Neighbor n : rows) {
            table.addRow().addContent(n.address(), n.hardIfname(), String.format("%.3fs", n.lastSeenMs() / 1000.0),
                    n.throughputKbps() == null ? "" : String.format("%.1f", n.throughputKbps() / 1000.0));
        }
        table.print(System.out);
        return null;
    }
}
