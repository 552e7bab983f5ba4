package io.x0tta6bl4.healing.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.healing.ActionInfo;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "heal", name = "actions", description = "Lists the remediation actions, built in and registered")
@Service
public class ActionsCommand implements Action {

    @Reference
    HealingService healing;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<ActionInfo> actions = healing.actions();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ActionInfo a : actions) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.name());
                m.put("kinds", a.kinds());
                m.put("disruptive", a.disruptive());
                m.put("approval", a.approval());
                m.put("verify", a.verify());
                m.put("origin", a.origin());
                m.put("changes", a.changes());
                out.add(m);
            }
            Commands.json(out);
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No actions (the loop is still starting)");
        table.column("NAME");
        table.column("KINDS");
        table.column("DISRUPTIVE");
        table.column("APPROVAL");
        table.column("VERIFY");
        table.column("CHANGES");
        table.column("ORIGIN");
        for (ActionInfo a : actions) {
            table.addRow().addContent(a.name(), String.join(",", a.kinds()), a.disruptive(), a.approval(), a.verify(),
                    changes(a.changes()), a.origin());
        }
        table.print(System.out);
        return null;
    }

    /** mesh: how the kernel forwards; view: x0tta6bl4's own records only. */
    static String changes(String changes) {
        return switch (changes) {
            case "mesh" -> "the mesh";
            case "view" -> "x0tta6bl4 only";
            case "nothing" -> "nothing";
            case "" -> "not stated";
            default -> changes;
        };
    }
}
