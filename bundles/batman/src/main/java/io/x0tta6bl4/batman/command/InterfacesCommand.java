package io.x0tta6bl4.batman.command;

import java.util.List;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.HardInterface;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "batman", name = "interfaces", description = "Lists the hard interfaces of the batman-adv mesh interface")
@Service
public class InterfacesCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<HardInterface> rows;
        try {
            rows = admin.interfaces();
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
        if (json) {
            Commands.json(rows);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("INTERFACE");
        table.column("INDEX").alignRight();
        table.column("ADDRESS");
        table.column("STATE");
        for (HardInterface h : rows) {
            table.addRow().addContent(h.name(), h.ifindex(), h.address(), h.active() ? "active" : "inactive");
        }
        table.print(System.out);
        return null;
    }
}
