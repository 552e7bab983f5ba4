package io.x0tta6bl4.ebpf.command;

import java.util.Map;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "ebpf", name = "map", description = "Dumps the entries of a mesh_guard map (hex; per-CPU values show every CPU's slot)")
@Service
public class MapCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Argument(index = 0, name = "name", required = true, description = "Map name, as ebpf:maps lists it")
    String name;

    @Override
    public Object execute() throws Exception {
        try {
            Map<String, String> entries = admin.mapEntries(name);
            if (json) {
                Commands.json(entries);
                return null;
            }
            ShellTable table = new ShellTable();
            table.column("KEY");
            table.column("VALUE");
            entries.forEach((k, v) -> table.addRow().addContent(k, v));
            table.print(System.out);
            return null;
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
    }
}
