package io.x0tta6bl4.respondd.command;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.respondd.internal.RespondAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "respondd", name = "query", description = "Sends 'GET <types>' to a node or a multicast group "
        + "(e.g. ff02::2:1001%bat0) and prints every reply that arrives in time, as JSON")
@Service
public class QueryCommand implements Action {

    @Reference
    RespondAdmin admin;

    @Argument(index = 0, name = "address", required = true, description = "IP address (link-local with %iface)")
    String address;

    @Argument(index = 1, name = "types", multiValued = true, description = "Reply types (default: nodeinfo)")
    List<String> types;

    @Option(name = "--port", description = "UDP port (default 1001)")
    int port = 1001;

    @Option(name = "--timeout", description = "How long to wait for replies, in ms (default 2000)")
    int timeoutMs = 2000;

    @Override
    public Object execute() throws Exception {
        if (!address.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]{1,15})?")) {
            throw Commands.fail("not an IP address: '" + address + "' (names are not looked up)");
        }
        if (port < 1 || port > 65535 || timeoutMs < 1 || timeoutMs > 60000) {
            throw Commands.fail("--port must be 1-65535 and --timeout 1-60000 ms");
        }
        InetSocketAddress to;
        try {
            to = new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw Commands.fail("not an address: " + address + " (" + e.getMessage() + ")");
        }
        List<String> asked = types == null || types.isEmpty() ? List.of(RespondProvider.NODEINFO) : types;
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            admin.query(to, asked, timeoutMs).forEach(a -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", a.from().getAddress().getHostAddress());
                m.put(a.error() == null ? "reply" : "error", a.error() == null ? a.json() : a.error());
                out.add(m);
            });
            Commands.json(out);
        } catch (IOException e) {
            throw Commands.fail(e);
        } catch (IllegalArgumentException e) {
            throw Commands.fail("bad query: " + e.getMessage());
        }
        return null;
    }
}
