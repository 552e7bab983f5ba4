package io.x0tta6bl4.healing.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.support.json.HealingJson;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "heal", name = "incidents", description = "Lists incidents, newest first")
@Service
public class IncidentsCommand implements Action {

    @Reference
    HealingService healing;

    @Option(name = "--open", description = "Only open incidents")
    boolean open;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<Incident> incidents = healing.incidents(open);
        if (json) {
            Commands.json(incidents.stream().map(HealingJson::incident).toList());
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText(open ? "No open incidents" : "No incidents");
        table.column("ID");
        table.column("STATE");
        table.column("KIND");
        table.column("SUBJECT");
        table.column("SEVERITY");
        table.column("AFFECTED").alignRight();
        table.column("ACTIONS").alignRight();
        table.column("DETECTED");
        table.column("TTR").alignRight();
        for (Incident i : incidents) {
            table.addRow().addContent(i.id(), i.state(), i.kind(), i.subject(), i.severity(), i.affected().size(),
                    i.actions().size(), Format.time(i.detected()), Format.duration(i.timeToRecover().orElse(null)));
        }
        table.print(System.out);
        return null;
    }

}
