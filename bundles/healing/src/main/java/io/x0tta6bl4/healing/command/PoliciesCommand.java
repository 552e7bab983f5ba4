package io.x0tta6bl4.healing.command;

import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "heal", name = "policies", description = "Lists the configured action order per incident kind")
@Service
public class PoliciesCommand implements Action {

    @Reference
    HealingService healing;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Map<String, List<String>> policies = healing.policies();
        if (json) {
            Commands.json(policies);
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No policies");
        table.column("KIND");
        table.column("ACTIONS (configured order; remedial ones re-ranked by past success)");
        policies.forEach((k, v) -> table.addRow().addContent(k, String.join(" > ", v)));
        table.print(System.out);
        return null;
    }
}
