package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.TopologyService;

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

    @Argument(index = 0, name = "node", description = "Only the links leaving or entering this node")
    @Completion(NodeIdCompleter.class)
    String node;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<Link> links;
        if (node == null) {
            links = List.copyOf(topology.snapshot().links().values());
        } else {
            Optional<Node> found = Console.known(topology, node);
            if (found.isEmpty()) {
                return null;
            }
            links = topology.links(found.get().id());
        }
        if (json) {
            Json.print(Json.links(links));
        } else {
            table(links, "No links").print(System.out);
        }
        return null;
    }

    static ShellTable table(List<Link> links, String empty) {
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
        for (Link l : links) {
            LinkMetrics m = l.metrics();
            table.addRow().addContent(l.from(), l.to(), Console.number(l.quality().score()),
                    Console.number(l.quality().cost()), orDash(m.latencyMs()), orDash(m.throughputMbps()),
                    orDash(m.loss()), m.tq() == null ? "-" : m.tq(), Console.age(l.lastMeasured(), now));
        }
        return table;
    }

    private static String orDash(Double v) {
        return v == null ? "-" : Console.number(v);
    }
}
