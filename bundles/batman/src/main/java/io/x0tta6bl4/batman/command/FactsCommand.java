package io.x0tta6bl4.batman.command;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.BatmanAdmin.CheckedFacts;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "batman", name = "facts", description = "Lists the facts x0tta6bl4 nodes published through alfred")
@Service
public class FactsCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        BatmanAdmin.FactsView view;
        try {
            view = admin.facts();
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
        if (json) {
            Commands.json(view);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("NODE");
        table.column("SPIFFE ID");
        table.column("VERSION");
        table.column("HEALTH");
        table.column("AGE").alignRight();
        table.column("ALFRED SOURCE");
        table.column("SIGNATURE");
        long now = System.currentTimeMillis();
        for (CheckedFacts f : view.facts()) {
            table.addRow().addContent(f.nodeId(), f.spiffeId() == null ? "" : f.spiffeId(), f.version(), f.health(),
                    Math.max(0, (now - f.timestamp()) / 1000) + "s", f.source(), f.trust());
        }
        table.print(System.out);
        view.refused().forEach(r -> System.out.println("Left out: " + r));
        return null;
    }
}
