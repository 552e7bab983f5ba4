package io.x0tta6bl4.topology.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Disjointness;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.PathPair;
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

@Command(scope = "mesh", name = "disjoint", description = "Shows a route and a backup that share no link "
        + "(or, with --node, no relay), with the least total cost")
@Service
public class DisjointCommand implements Action {

    @Reference
    TopologyService topology;

    @Argument(index = 0, name = "source", description = "Where the paths start", required = true)
    @Completion(NodeIdCompleter.class)
    String source;

    @Argument(index = 1, name = "destination", description = "Where the paths end", required = true)
    @Completion(NodeIdCompleter.class)
    String destination;

    @Option(name = "--node", description = "Share no relay node either, not only no link")
    boolean node;

    @Option(name = "--weigher", aliases = "-w", description = "How links are weighed; the configured default when absent")
    @Completion(WeigherCompleter.class)
    String weigher;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Node from = Console.known(topology, source, json);
        Node to = Console.known(topology, destination, json);
        Disjointness mode = node ? Disjointness.NODE : Disjointness.LINK;
        Optional<PathPair> pair;
        try {
            pair = topology.disjointPaths(from.id(), to.id(), mode, weigher);
        } catch (IllegalArgumentException e) {
            throw Commands.fail(json, e.getMessage());
        }
        if (pair.isEmpty()) {
            throw Commands.fail(json, "No two " + mode.name().toLowerCase(Locale.ROOT)
                    + "-disjoint paths from " + from.id() + " to " + to.id()
                    + ": a single point of failure separates them (see mesh:critical)");
        }
        PathPair p = pair.get();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("disjointness", mode.name());
            m.put("totalCost", p.totalCost());
            m.put("primary", TopologyJson.path(p.primary()));
            m.put("backup", TopologyJson.path(p.backup()));
            Commands.json(m);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("ROUTE");
        table.column("COST").alignRight();
        table.column("HOPS").alignRight();
        table.column("PATH");
        row(table, "primary", p.primary());
        row(table, "backup", p.backup());
        table.print(System.out);
        System.out.println(mode.name().toLowerCase(Locale.ROOT) + "-disjoint, total cost "
                + Format.decimal(p.totalCost()) + " (weigher " + p.primary().weigher() + ")");
        return null;
    }

    private static void row(ShellTable table, String name, Path p) {
        table.addRow().addContent(name, Format.decimal(p.cost()), p.hopCount(), PathsCommand.route(p));
    }
}
