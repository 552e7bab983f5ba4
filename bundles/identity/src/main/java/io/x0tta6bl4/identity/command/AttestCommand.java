package io.x0tta6bl4.identity.command;

import java.net.InetSocketAddress;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "identity", name = "attest",
        description = "Attests the peer whose mTLS control listener is at host:port and records the result")
@Service
public class AttestCommand implements Action {

    @Reference
    NodeAttestor attestor;

    @Option(name = "--node", description = "The node expected at the address; default: any node the ID pattern allows")
    String node;

    @Argument(index = 0, name = "host:port", required = true, description = "Address of the peer's mTLS listener")
    String target;

    @Override
    public Object execute() throws Exception {
        InetSocketAddress address = parse(target);
        if (address == null) {
            throw Commands.fail("invalid address '" + target + "': expected host:port with a port 1-65535");
        }
        NodeId expected = null;
        if (node != null) {
            try {
                expected = NodeId.of(node);
            } catch (IllegalArgumentException e) {
                throw Commands.fail(e);
            }
        }
        AttestationResult r = attestor.attest(expected, address);
        ShellTable table = new ShellTable().noHeaders();
        table.column("KEY");
        table.column("VALUE");
        table.addRow().addContent("Attested", r.attested() ? "yes" : "NO");
        table.addRow().addContent("Node", r.node() == null ? "-" : r.node());
        table.addRow().addContent("SPIFFE ID", r.spiffeId() == null ? "-" : r.spiffeId());
        table.addRow().addContent("Reason", r.reason());
        table.addRow().addContent("Not after", r.notAfter() == null ? "-" : r.notAfter());
        table.print(System.out);
        return null;
    }

    /** host:port or [v6]:port; null when it is neither. Does not resolve. */
    static InetSocketAddress parse(String s) {
        if (s == null) {
            return null;
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return null;
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (port < 1 || port > 65535 || host.isBlank()) {
            return null;
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
