package io.x0tta6bl4.identity.command;

import java.net.InetSocketAddress;
import java.util.stream.Collectors;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.identity.internal.IdentityAdmin;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "identity", name = "status", description = "Shows this node's identity: state, SPIFFE ID, source, listener")
@Service
public class StatusCommand implements Action {

    @Reference
    IdentityService identity;

    @Reference
    IdentityAdmin admin;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().noHeaders();
        table.column("KEY");
        table.column("VALUE");
        table.addRow().addContent("State", identity.state());
        table.addRow().addContent("Reason", identity.stateReason());
        table.addRow().addContent("Development", identity.isDevelopment()
                ? "yes: development identity from the local bootstrap CA, not for production" : "no");
        table.addRow().addContent("SPIFFE ID", identity.spiffeId().orElse("-"));
        table.addRow().addContent("Not after", identity.notAfter().map(Object::toString).orElse("-"));
        table.addRow().addContent("Trust domain", admin.trustDomain().orElse("-"));
        table.addRow().addContent("Source", admin.sourceDescription());
        table.addRow().addContent("Node", admin.nodeId());
        table.addRow().addContent("ID pattern", admin.idPattern());
        table.addRow().addContent("mTLS listener", admin.listening().isEmpty() ? "not listening"
                : admin.listening().stream().map(StatusCommand::hostPort).collect(Collectors.joining(", ")));
        table.print(System.out);
        return null;
    }

    static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
