package io.x0tta6bl4.topology.command;

import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.json.TopologyJson;
import io.x0tta6bl4.support.json.RoutedPath;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "mesh", name = "path", description = "Shows the cheapest path between two nodes")
@Service
public class PathCommand implements Action {

    @Reference
    TopologyService topology;

    @Argument(index = 0, name = "source", description = "Where the path starts", required = true)
    @Completion(NodeIdCompleter.class)
    String source;

    @Argument(index = 1, name = "destination", description = "Where the path ends", required = true)
    @Completion(NodeIdCompleter.class)
    String destination;

    @Option(name = "--weigher", aliases = "-w", description = "How links are weighed: hops, quality, latency, "
            + "or a plugin's weigher; the configured default.weigher when absent")
    @Completion(WeigherCompleter.class)
    String weigher;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Node from = Console.known(topology, source, json);
        Node to = Console.known(topology, destination, json);
        if (weigher != null && !topology.weighers().contains(weigher)) {
            throw Commands.fail(json, "unknown weigher '" + weigher + "', known: "
                    + String.join(", ", topology.weighers()));
        }
        Optional<Path> path;
        try {
            path = weigher == null ? topology.path(from.id(), to.id())
                    : topology.path(from.id(), to.id(), weigher);
        } catch (IllegalArgumentException e) {
            // the node or weigher went away since it was checked
            throw Commands.fail(json, e.getMessage());
        }
        if (path.isEmpty()) {
            throw Commands.fail(json, "No path from " + from.id() + " (" + from.state() + ") to "
                    + to.id() + " (" + to.state() + ")");
        }
        RoutedPath routed = RoutedPath.of(topology, from, to, path.get(), weigher);
        Path p = routed.shown();
        Path model = routed.model();
        if (json) {
            Commands.json(routed.json());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("HOP").alignRight();
        table.column("NODE");
        table.column("QUALITY").alignRight();
        table.column("LINK COST").alignRight();
        table.addRow().addContent(0, p.source(), "", "");
        for (int i = 0; i < p.links().size(); i++) {
            Link l = p.links().get(i);
            table.addRow().addContent(i + 1, l.to(), Format.decimal(l.quality().score()),
                    Format.decimal(l.quality().cost()));
        }
        table.print(System.out);
        System.out.println(p.hopCount() + " hops, total cost " + Format.decimal(p.cost()) + " (weigher "
                + p.weigher() + ")");
        if (routed.disagrees()) {
            System.out.println("First hop " + RoutedPath.firstHop(p) + " is the mesh routing's; x0tta6bl4's cost model would go via "
                    + RoutedPath.firstHop(model) + ": " + String.join(" > ", model.hops().stream().map(NodeId::value).toList())
                    + ", total cost " + Format.decimal(model.cost()));
        } else if (routed.routed()) {
            System.out.println("First hop " + RoutedPath.firstHop(p) + " is the mesh routing's, as the cost model would choose");
        } else if (routed.unmappedNextHop() != null) {
            System.out.println("This is x0tta6bl4's cost model's path: the mesh routing forwards via "
                    + routed.unmappedNextHop()
                    + ", an interface no known node owns yet");
        }
        return null;
    }
}
