package io.x0tta6bl4.topology.command;

import java.util.List;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
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

@Command(scope = "mesh", name = "paths", description = "Lists the k cheapest loopless paths between two nodes (Yen)")
@Service
public class PathsCommand implements Action {

    static final int MAX_K = 100;

    @Reference
    TopologyService topology;

    @Argument(index = 0, name = "source", description = "Where the paths start", required = true)
    @Completion(NodeIdCompleter.class)
    String source;

    @Argument(index = 1, name = "destination", description = "Where the paths end", required = true)
    @Completion(NodeIdCompleter.class)
    String destination;

    @Option(name = "--k", aliases = "-k", description = "How many paths, 1.." + MAX_K + "; 3 by default")
    int k = 3;

    @Option(name = "--weigher", aliases = "-w", description = "How links are weighed; the configured default when absent")
    @Completion(WeigherCompleter.class)
    String weigher;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        if (k < 1 || k > MAX_K) {
            throw Commands.fail(json, "--k must be within 1.." + MAX_K + ", was " + k);
        }
        Node from = Console.known(topology, source, json);
        Node to = Console.known(topology, destination, json);
        List<Path> paths;
        try {
            paths = topology.paths(from.id(), to.id(), k, weigher);
        } catch (IllegalArgumentException e) {
            throw Commands.fail(json, e.getMessage());
        }
        if (paths.isEmpty()) {
            throw Commands.fail(json, "No path from " + from.id() + " (" + from.state() + ") to "
                    + to.id() + " (" + to.state() + ")");
        }
        if (json) {
            Commands.json(paths.stream().map(TopologyJson::path).toList());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("COST").alignRight();
        table.column("HOPS").alignRight();
        table.column("PATH");
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            table.addRow().addContent(i + 1, Format.decimal(p.cost()), p.hopCount(), route(p));
        }
        table.print(System.out);
        return null;
    }

    static String route(Path p) {
        return String.join(" > ", p.hops().stream().map(NodeId::value).toList());
    }
}
