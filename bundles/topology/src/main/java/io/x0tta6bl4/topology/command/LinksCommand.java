package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "links", description = "Lists the links between UP nodes with their quality")
@Service
public class LinksCommand implements Action {

    @Reference
    TopologyService topology;

    @Reference(optional = true)
    TopologyAdmin admin;

    @Argument(index = 0, name = "node", description = "Only the links leaving or entering this node")
    @Completion(NodeIdCompleter.class)
    String node;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        // one snapshot for the node and its links, and its version in the JSON, so a script can
        // tell which state of the mesh it read and whether a later read is newer
        TopologySnapshot snapshot = topology.snapshot();
        List<Link> links;
        if (node == null) {
            links = List.copyOf(snapshot.links().values());
        } else {
            links = snapshot.linksOf(Console.known(snapshot, node, json).id());
        }
        Map<LinkId, LinkPenalty> penalties = penalties(admin);
        if (json) {
            Map<String, Object> dto = new LinkedHashMap<>();
            dto.put("version", snapshot.version());
            dto.put("time", snapshot.time().toString());
            if (node != null) {
                dto.put("node", NodeId.of(node).value());
            }
            dto.put("links", Json.links(links, penalties));
            Commands.json(dto);
        } else {
            table(links, penalties, "No links").print(System.out);
        }
        return null;
    }

    /** Penalties in force by undirected link (from < to); empty without an admin service. */
    static Map<LinkId, LinkPenalty> penalties(TopologyAdmin admin) {
        Map<LinkId, LinkPenalty> m = new TreeMap<>();
        if (admin != null) {
            admin.penalties().forEach(p -> m.put(p.link(), p));
        }
        return m;
    }

    static LinkPenalty penaltyOf(Map<LinkId, LinkPenalty> penalties, LinkId id) {
        LinkPenalty p = penalties.get(id);
        return p != null ? p : penalties.get(id.reversed());
    }

    static ShellTable table(List<Link> links, Map<LinkId, LinkPenalty> penalties, String empty) {
        Instant now = Instant.now();
        ShellTable table = new ShellTable().emptyTableText(empty);
        table.column("FROM");
        table.column("TO");
        table.column("QUALITY").alignRight();
        table.column("COST").alignRight();
        table.column("LATENCY ms").alignRight();
        table.column("Mbit/s").alignRight();
        table.column("LOSS").alignRight();
        table.column("TQ").alignRight();
        table.column("MEASURED").alignRight();
        table.column("PENALTY");
        for (Link l : links) {
            LinkMetrics m = l.metrics();
            LinkPenalty p = penaltyOf(penalties, l.id());
            table.addRow().addContent(l.from(), l.to(), Format.decimal(l.quality().score()),
                    Format.decimal(l.quality().cost()), orDash(m.latencyMs()), orDash(m.throughputMbps()),
                    orDash(m.loss()), m.tq() == null ? "-" : m.tq(), Format.age(l.lastMeasured(), now),
                    p == null ? "-" : Console.penalty(p, now));
        }
        return table;
    }

    private static String orDash(Double v) {
        return v == null ? "-" : Format.decimal(v);
    }
}
