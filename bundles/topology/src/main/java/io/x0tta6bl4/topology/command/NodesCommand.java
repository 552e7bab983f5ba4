package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeAttributes;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.json.TopologyJson;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "nodes", description = "Lists the mesh nodes, UP and DOWN")
@Service
public class NodesCommand implements Action {

    @Reference
    TopologyService topology;

    /** Present when the identity bundle is: each peer's attested SPIFFE ID. */
    @Reference(optional = true)
    PeerAttestations attestations;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Option(name = "--site", description = "Only nodes of this community site code (respondd's site_code)")
    String site;

    @Option(name = "--firmware", description = "Only nodes whose firmware release starts with this")
    String firmware;

    @Override
    public Object execute() throws Exception {
        TopologySnapshot snapshot = topology.snapshot();
        Map<NodeId, Integer> degree = new HashMap<>();
        // The best link into a node: how well it is heard (batman-adv's TQ, scaled, on a batman node).
        Map<NodeId, Double> quality = new HashMap<>();
        for (Link l : snapshot.links().values()) {
            degree.merge(l.from(), 1, Integer::sum);
            quality.merge(l.to(), l.quality().score(), Math::max);
        }
        Map<NodeId, AttestationResult> attested = attestations == null ? Map.of() : attestations.all();
        List<Node> shown = snapshot.nodes().values().stream().filter(this::selected).toList();
        if (json) {
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (Node n : shown) {
                Map<String, Object> dto = TopologyJson.node(n, degree.getOrDefault(n.id(), 0));
                dto.put("quality", quality.get(n.id()));
                AttestationResult r = attested.get(n.id());
                if (r != null) {
                    dto.put("attestation", TopologyJson.attestation(r));
                }
                nodes.add(dto);
            }
            Commands.json(nodes);
            return null;
        }
        Instant now = Instant.now();
        ShellTable table = new ShellTable().emptyTableText(site != null || firmware != null
                ? "No nodes of that site or firmware" : "No nodes: no mesh provider has reported yet");
        table.column("ID");
        table.column("HOSTNAME");
        table.column("STATE");
        table.column("ROLE");
        table.column("LINKS").alignRight();
        table.column("QUALITY").alignRight();
        table.column("LAST SEEN").alignRight();
        table.column("SPIFFE ID");
        table.column("ADDRESSES");
        for (Node n : shown) {
            Double q = quality.get(n.id());
            table.addRow().addContent(n.id(), n.attributes().getOrDefault(NodeAttributes.HOSTNAME, "-"), n.state(), n.role(), degree.getOrDefault(n.id(), 0),
                    q == null ? "-" : Format.decimal(q), Format.age(n.lastSeen(), now),
                    spiffe(attested.get(n.id())), String.join(", ", n.addresses()));
        }
        table.print(System.out);
        return null;
    }

    private boolean selected(Node n) {
        return (site == null || site.equals(n.attributes().get(NodeAttributes.SITE)))
                && (firmware == null || n.attributes().getOrDefault(NodeAttributes.FIRMWARE, "").startsWith(firmware));
    }

    /** The attested SPIFFE ID, or why the last attestation failed. */
    static String spiffe(AttestationResult r) {
        if (r == null) {
            return "-";
        }
        if (r.attested()) {
            return r.spiffeId();
        }
        String reason = r.reason() == null ? "failed" : r.reason();
        return "NOT ATTESTED: " + (reason.length() > 60 ? reason.substring(0, 57) + "..." : reason);
    }
}
