package io.x0tta6bl4.ebpf.command;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "ebpf", name = "maps", description = "Lists the maps of mesh_guard")
@Service
public class MapsCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        try {
            var maps = admin.maps();
            if (json) {
                Commands.json(maps);
                return null;
            }
            ShellTable table = new ShellTable();
            table.column("MAP");
            table.column("TYPE");
            table.column("KEY").alignRight();
            table.column("VALUE").alignRight();
            table.column("MAX").alignRight();
            table.column("ENTRIES").alignRight();
            for (EbpfAdmin.MapInfo m : maps) {
                table.addRow().addContent(m.name(), m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.entries());
            }
            table.print(System.out);
            return null;
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
    }
}
