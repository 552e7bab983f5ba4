package io.x0tta6bl4.identity.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.NodeId;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "identity", name = "peers", description = "Lists the latest attestation result per peer node")
@Service
public class PeersCommand implements Action {

    @Reference
    PeerAttestations attestations;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Map<NodeId, AttestationResult> all = new TreeMap<>(attestations.all());
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (AttestationResult r : all.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("node", r.node().value());
                m.put("spiffeId", r.spiffeId());
                m.put("attested", r.attested());
                m.put("reason", r.reason());
                m.put("at", r.at().toString());
                m.put("notAfter", r.notAfter() == null ? null : r.notAfter().toString());
                out.add(m);
            }
            Certificates.printJson(out);
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No peer attested yet (identity:attest <host:port>)");
        table.column("NODE");
        table.column("ATTESTED");
        table.column("SPIFFE ID");
        table.column("AT");
        table.column("NOT AFTER");
        table.column("REASON");
        for (AttestationResult r : all.values()) {
            table.addRow().addContent(r.node(), r.attested() ? "yes" : "NO", r.spiffeId() == null ? "-" : r.spiffeId(),
                    r.at(), r.notAfter() == null ? "-" : r.notAfter(), r.reason());
        }
        table.print(System.out);
        return null;
    }
}
