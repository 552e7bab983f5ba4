package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.json.TopologyJson;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "node", description = "Shows a node and its links")
@Service
public class NodeCommand implements Action {

    @Reference
    TopologyService topology;

    @Reference(optional = true)
    TopologyAdmin admin;

    /** Present when the identity bundle is: the node's attested SPIFFE ID. */
    @Reference(optional = true)
    PeerAttestations attestations;

    @Argument(index = 0, name = "id", description = "The node id", required = true)
    @Completion(NodeIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Node found = Console.known(topology, id, json);
        Node node = found;
        List<Link> links = topology.links(node.id());
        if (json) {
            Map<String, Object> dto = TopologyJson.node(node, (int) links.stream().filter(l -> l.from().equals(node.id())).count());
            dto.put("links", TopologyJson.links(links));
            attestation().ifPresent(r -> dto.put("attestation", TopologyJson.attestation(r)));
            Commands.json(dto);
            return null;
        }
        Instant now = Instant.now();
        ShellTable facts = new ShellTable().noHeaders();
        facts.column("KEY");
        facts.column("VALUE");
        facts.addRow().addContent("ID", node.id());
        facts.addRow().addContent("State", node.state());
        facts.addRow().addContent("Role", node.role());
        facts.addRow().addContent("Addresses", String.join(", ", node.addresses()));
        facts.addRow().addContent("First seen", node.firstSeen() + " (" + Format.age(node.firstSeen(), now) + ")");
        facts.addRow().addContent("Last seen", node.lastSeen() + " (" + Format.age(node.lastSeen(), now) + ")");
        facts.addRow().addContent("SPIFFE ID", spiffeId(now));
        node.attributes().forEach((k, v) -> facts.addRow().addContent(k, v));
        facts.print(System.out);
        System.out.println();
        LinksCommand.table(links, LinksCommand.penalties(admin), node.isUp() ? "No links" : "No links: the node is DOWN").print(System.out);
        return null;
    }

    private Optional<AttestationResult> attestation() {
        return attestations == null ? Optional.empty() : attestations.result(NodeId.of(id));
    }

    private String spiffeId(Instant now) {
        if (attestations == null) {
            return "(identity not installed)";
        }
        return attestation().map(r -> r.attested()
                        ? r.spiffeId() + " (attested " + Format.age(r.at(), now) + ")"
                        : "not attested: " + r.reason())
                .orElse("not attested yet");
    }
}
