package io.x0tta6bl4.batman.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.BatmanConfig;
import io.x0tta6bl4.batman.internal.MeshInfo;
import io.x0tta6bl4.batman.internal.MeshPoller;
import io.x0tta6bl4.batman.internal.alfred.AlfredStatus;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "batman", name = "status", description = "Shows the batman-adv mesh interface, the backend and the last poll")
@Service
public class StatusCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        BatmanConfig c = admin.config();
        MeshPoller.Snapshot s = admin.lastPoll();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meshInterface", c.meshInterface());
        m.put("backend", c.backend());
        m.put("pollIntervalMs", c.pollIntervalMs());
        m.put("downAfterMs", c.downAfterMs());
        m.put("polls", admin.polls());
        m.put("state", s == null ? "starting" : s.error() == null ? "reading" : "error");
        if (s != null && s.error() != null) {
            m.put("error", s.error());
        }
        if (s != null && s.mesh() != null) {
            MeshInfo mesh = s.mesh();
            m.put("version", mesh.version());
            m.put("algorithm", mesh.algorithm());
            m.put("self", s.round().self().value());
            m.put("meshAddress", mesh.address());
            m.put("primaryInterface", mesh.primaryIfname());
            m.put("origIntervalMs", mesh.origIntervalMs());
            m.put("originators", s.round().best().size());
            m.put("up", s.round().nodes().size() - 1);
            m.put("down", s.round().silent().size());
            m.put("oneHopLinks", s.round().links().size());
        }
        try {
            AlfredStatus a = admin.alfredStatus();
            m.put("alfred", (a.primary() ? "primary" : "secondary") + " on "
                    + a.interfaces().stream().map(i -> i.name() + (i.active() ? "" : " (inactive)"))
                            .collect(Collectors.joining(","))
                    + ", batman-adv " + a.batmanInterface());
        } catch (Exception e) {
            m.put("alfred", "unreachable: " + e.getMessage());
        }
        if (json) {
            Commands.json(m);
            return null;
        }
        ShellTable table = new ShellTable().noHeaders();
        table.column("KEY");
        table.column("VALUE");
        m.forEach((k, v) -> table.addRow().addContent(k, v == null ? "" : v));
        table.print(System.out);
        return null;
    }
}
