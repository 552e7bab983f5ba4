package io.x0tta6bl4.batman.command;

import java.util.ArrayList;
import java.util.List;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.Originator;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "batman", name = "originators", description = "Lists the batman-adv originator table (best routes; --all for every route)")
@Service
public class OriginatorsCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Option(name = "--all", description = "Every route, not only the best one per originator")
    boolean all;

    @Override
    public Object execute() throws Exception {
        List<Originator> rows;
        try {
            rows = new ArrayList<>(admin.backend().originators());
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
        if (!all) {
            rows.removeIf(o -> !o.best());
        }
        long down = admin.config().downAfterMs();
        if (json) {
            Commands.json(rows);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("ORIGINATOR");
        table.column("STATE");
        table.column("LAST SEEN").alignRight();
        table.column("NEXT HOP");
        table.column("IF");
        table.column("TQ / MBIT/S").alignRight();
        table.column("BEST");
        for (Originator o : rows) {
            String metric = o.tq() != null ? o.tq().toString() : String.format("%.1f", o.throughputKbps() / 1000.0);
            table.addRow().addContent(o.address(), o.lastSeenMs() > down ? "DOWN" : "UP",
                    String.format("%.3fs", o.lastSeenMs() / 1000.0), o.neighbor(), o.hardIfname(), metric,
                    o.best() ? "*" : "");
        }
        table.print(System.out);
        return null;
    }
}
