package io.x0tta6bl4.batman.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.Gateway;
import io.x0tta6bl4.batman.internal.GatewayMode;
import io.x0tta6bl4.batman.internal.GatewayUplink;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "batman", name = "gateways", description = "Shows this node's gateway mode and uplink watch, and the "
        + "gateways batman-adv knows (* the one this node selected)")
@Service
public class GatewaysCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Reference(optional = true)
    GatewayUplink uplink;

    @Option(name = "--json", description = "Print JSON instead of tables")
    boolean json;

    @Override
    public Object execute() throws Exception {
        GatewayMode mode;
        List<Gateway> gateways;
        try {
            mode = admin.backend().mesh().gateway();
            gateways = admin.backend().gateways();
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("mode", mode == null ? "unknown" : mode.line());
        GatewayUplink.Status s = uplink == null ? null : uplink.status();
        if (s != null) {
            self.put("uplinkTargets", s.targets().isEmpty() ? "none (the uplink is not watched)"
                    : String.join(",", s.targets().stream().map(Object::toString).toList())
                            + (s.iface().isEmpty() ? "" : " via " + s.iface()));
            self.put("uplink", s.down() ? "DOWN (" + s.failedInARow() + " rounds failed)"
                    : "up" + (s.upForMs() > 0 ? " for " + s.upForMs() / 1000 + " s" : ""));
            self.put("lastRound", s.lastRound());
            if (s.demotedFrom() != null) {
                self.put("demoted", "from " + s.demotedFrom().line() + " by incident " + s.demotedBy() + "; back after "
                        + s.holdDownMs() / 1000 + " s of answered rounds");
            }
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("self", self);
            all.put("gateways", gateways);
            Commands.json(all);
            return null;
        }
        ShellTable mine = new ShellTable().noHeaders();
        mine.column("KEY");
        mine.column("VALUE");
        self.forEach((k, v) -> mine.addRow().addContent(k, v));
        mine.print(System.out);
        ShellTable table = new ShellTable();
        table.column("");
        table.column("GATEWAY");
        table.column("NEXT HOP");
        table.column("IF");
        table.column("TQ").alignRight();
        table.column("MBIT/S").alignRight();
        table.column("DOWN/UP MBIT/S").alignRight();
        for (Gateway g : gateways) {
            table.addRow().addContent(g.best() ? "*" : "", g.originator(), g.router() == null ? "" : g.router(),
                    g.hardIfname() == null ? "" : g.hardIfname(), g.tq() == null ? "" : g.tq(),
                    g.throughputKbps() == null ? "" : String.format("%.1f", g.throughputKbps() / 1000.0),
                    g.downKbps() == null ? "" : g.downKbps() / 1000.0 + "/" + (g.upKbps() == null ? "?" : g.upKbps() / 1000.0));
        }
        table.print(System.out);
        return null;
    }
}
