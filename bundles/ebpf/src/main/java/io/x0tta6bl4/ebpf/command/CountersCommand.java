package io.x0tta6bl4.ebpf.command;

import java.util.LinkedHashMap;
import java.util.Map;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "ebpf", name = "counters", description = "Shows frames, bytes and drops per peer MAC, and the global counters")
@Service
public class CountersCommand implements Action {

    @Reference
    MeshGuard guard;

    @Reference
    EbpfAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Map<String, PeerCounters> peers = guard.counters();
        Map<String, Long> global;
        try {
            global = admin.globalCounters();
        } catch (Exception e) {
            throw Commands.fail(json, e);
        }
        Map<String, String> reasons = guard.quarantineReasons();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("enforcing", guard.enforcing());
            m.put("interfaces", guard.interfaces());
            m.put("global", global);
            m.put("peers", peers.values());
            m.put("quarantined", reasons);
            m.put("allowed", guard.allowed());
            Commands.json(m);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("PEER");
        table.column("PACKETS").alignRight();
        table.column("BYTES").alignRight();
        table.column("DROPPED").alignRight();
        table.column("STATE");
        for (PeerCounters c : peers.values()) {
            table.addRow().addContent(c.mac(), c.packets(), c.bytes(), c.dropped(), state(c.mac(), reasons));
        }
        for (String mac : reasons.keySet()) {
            if (!peers.containsKey(mac)) {
                table.addRow().addContent(mac, 0, 0, 0, state(mac, reasons));
            }
        }
        table.print(System.out);
        StringBuilder g = new StringBuilder("Enforcing: " + (guard.enforcing() ? "on" : "off") + "; interfaces: "
                + (guard.interfaces().isEmpty() ? "none" : String.join(",", guard.interfaces())) + "; ");
        global.forEach((k, v) -> g.append(k).append('=').append(v).append(' '));
        System.out.println(g.toString().trim());
        return null;
    }

    private String state(String mac, Map<String, String> reasons) {
        if (reasons.containsKey(mac)) {
            String r = reasons.get(mac);
            return "quarantined" + (r.isEmpty() ? "" : " (" + r + ")");
        }
        if (guard.allowed().contains(mac)) {
            return "allowed";
        }
        return guard.enforcing() ? "unattested" : "";
    }
}
