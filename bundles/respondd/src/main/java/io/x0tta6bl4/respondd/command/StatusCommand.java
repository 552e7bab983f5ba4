package io.x0tta6bl4.respondd.command;

import io.x0tta6bl4.respondd.internal.RespondAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "respondd", name = "status", description = "Shows whether the respondd responder listens, where, "
        + "what it answered and refused, and who contributes to its replies")
@Service
public class StatusCommand implements Action {

    @Reference
    RespondAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() {
        RespondAdmin.Status s = admin.status();
        if (json) {
            Commands.json(s);
            return null;
        }
        ShellTable t = new ShellTable().noHeaders();
        t.column("KEY");
        t.column("VALUE");
        t.addRow().addContent("listening", s.listening() ? "UDP port " + s.port() : "no: " + s.problem());
        t.addRow().addContent("interface", s.iface() + (s.meshPresent() ? "" : " (not present: unicast from allow.sources only)"));
        t.addRow().addContent("groups", s.groups().isEmpty() ? "none joined" : String.join(", ", s.groups()));
        t.addRow().addContent("answered", s.answered());
        t.addRow().addContent("refused", s.malformed() + " malformed, " + s.foreign() + " from off the mesh, "
                + s.limited() + " over the rate limit");
        t.addRow().addContent("cut", s.cut() + " replies left a type out to fit reply.max.bytes");
        t.addRow().addContent("last refusal", s.lastRefusal());
        t.addRow().addContent("providers", String.join("; ", s.providers()));
        t.addRow().addContent("collector", s.collector());
        t.print(System.out);
        return null;
    }
}
