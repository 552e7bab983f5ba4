package io.x0tta6bl4.healing.command;

import java.util.LinkedHashMap;
import java.util.Map;

import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.support.json.HealingJson;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "heal", name = "stats", description = "MTTR, incidents, intake counters and success per action")
@Service
public class StatsCommand implements Action {

    @Reference
    HealingService healing;

    @Option(name = "--json", description = "Print JSON instead of tables")
    boolean json;

    @Override
    public Object execute() throws Exception {
        HealingStats s = healing.stats();
        if (json) {
            Commands.json(HealingJson.stats(s));
            return null;
        }
        System.out.println("incidents " + s.incidents() + " (open " + s.open() + ", resolved " + s.resolved() + ")");
        System.out.println("MTTR      " + Format.duration(s.mttr()));
        System.out.println("events    " + s.eventsReceived() + " received, " + s.eventsDropped() + " dropped (queue full), "
                + s.deadLetters() + " dead letters");
        ShellTable table = new ShellTable().emptyTableText("No action has run yet");
        table.column("ACTION");
        table.column("RUNS").alignRight();
        table.column("SUCCEEDED").alignRight();
        table.column("FAILED").alignRight();
        table.column("SUCCESS").alignRight();
        s.perAction().forEach((k, v) -> table.addRow().addContent(k, v.executions(), v.successes(), v.failures(),
                Math.round(v.successRate() * 100) + "%"));
        table.print(System.out);
        return null;
    }
}
