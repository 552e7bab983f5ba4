package io.x0tta6bl4.healing.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.support.json.HealingJson;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "heal", name = "incident", description = "Shows one incident: events, analysis, plan, actions, times")
@Service
public class IncidentCommand implements Action {

    @Reference
    HealingService healing;

    @Option(name = "--json", description = "Print JSON")
    boolean json;

    @Argument(index = 0, name = "id", description = "Incident id, e.g. inc-000001", required = true)
    @Completion(IncidentIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        Optional<Incident> found = healing.incident(id);
        if (found.isEmpty()) {
            throw Commands.fail(json, "no incident '" + id + "' (heal:incidents lists them)");
        }
        Incident i = found.get();
        if (json) {
            Commands.json(HealingJson.incident(i));
            return null;
        }
        System.out.println(i.id() + "  " + i.kind() + " " + i.subject() + "  " + i.state() + "  " + i.severity());
        System.out.println("detected  " + Format.time(i.detected()));
        System.out.println("acted     " + Format.time(i.acted()));
        System.out.println("resolved  " + Format.time(i.resolved()) + "  (TTR "
                + Format.duration(i.timeToRecover().orElse(null)) + ")");
        if (i.mergedInto() != null) {
            System.out.println("merged    into " + i.mergedInto());
        }
        System.out.println("affected  " + String.join(", ", i.affected()));
        System.out.println("analysis  " + i.analysis());
        System.out.println("plan      " + String.join(" > ", i.plan()));
        System.out.println("events    " + i.eventCount() + (i.eventCount() > i.events().size() ? " (first "
                + i.events().size() + " shown)" : ""));
        i.events().forEach(e -> System.out.println("  " + e));
        ShellTable table = new ShellTable().emptyTableText("No actions");
        table.column("#").alignRight();
        table.column("ACTION");
        table.column("OUTCOME");
        table.column("VERIFICATION");
        table.column("STARTED");
        table.column("DETAILS");
        for (ActionRecord a : i.actions()) {
            table.addRow().addContent(a.attempt(), a.action(), a.outcome(), a.verification(), Format.time(a.started()),
                    a.details());
        }
        table.print(System.out);
        return null;
    }
}
