package io.x0tta6bl4.topology.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.LinkSample;
import io.x0tta6bl4.api.topology.Node;
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

@Command(scope = "mesh", name = "link", description = "Shows both directions of the link between two nodes, "
        + "with its penalty and, with --history, its recent samples")
@Service
public class LinkCommand implements Action {

    @Reference
    TopologyService topology;

    @Reference(optional = true)
    TopologyAdmin admin;

    @Argument(index = 0, name = "a", description = "One end", required = true)
    @Completion(NodeIdCompleter.class)
    String a;

    @Argument(index = 1, name = "b", description = "The other end", required = true)
    @Completion(NodeIdCompleter.class)
    String b;

    @Option(name = "--history", description = "Also list the recent samples of each direction, oldest first")
    boolean history;

    @Option(name = "--json", description = "Print JSON instead of tables")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Node from = Console.known(topology, a, json);
        Node to = Console.known(topology, b, json);
        LinkId forward = new LinkId(from.id(), to.id());
        List<LinkId> directions = List.of(forward, forward.reversed());
        List<Link> current = new ArrayList<>();
        Map<LinkId, List<LinkSample>> samples = new LinkedHashMap<>();
        List<Link> ofA = topology.links(forward.from());
        for (LinkId id : directions) {
            ofA.stream().filter(l -> l.id().equals(id)).forEach(current::add);
            List<LinkSample> h = topology.history(id);
            if (!h.isEmpty()) {
                samples.put(id, h);
            }
        }
        if (current.isEmpty() && samples.isEmpty()) {
            throw Commands.fail(json, "No link between " + forward.from() + " and " + forward.to()
                    + " (mesh:links " + forward.from() + " lists its links)");
        }
        Map<LinkId, LinkPenalty> penalties = LinksCommand.penalties(admin);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("links", Json.links(current, penalties));
            if (history) {
                Map<String, Object> h = new LinkedHashMap<>();
                samples.forEach((id, list) -> h.put(id.toString(), list.stream().map(TopologyJson::sample).toList()));
                m.put("history", h);
            }
            Commands.json(m);
            return null;
        }
        LinksCommand.table(current, penalties, "Not in the graph now: an end is DOWN").print(System.out);
        if (history) {
            Instant now = Instant.now();
            for (Map.Entry<LinkId, List<LinkSample>> e : samples.entrySet()) {
                System.out.println();
                System.out.println("History of " + e.getKey() + " (" + e.getValue().size() + " samples)");
                ShellTable table = new ShellTable();
                table.column("MEASURED").alignRight();
                table.column("QUALITY").alignRight();
                table.column("COST").alignRight();
                table.column("LATENCY ms").alignRight();
                table.column("LOSS").alignRight();
                table.column("Mbit/s").alignRight();
                table.column("TQ").alignRight();
                for (LinkSample s : e.getValue()) {
                    LinkMetrics m = s.metrics();
                    table.addRow().addContent(Format.age(s.at(), now), Format.decimal(s.quality().score()),
                            Format.decimal(s.quality().cost()), dash(m.latencyMs()), dash(m.loss()),
                            dash(m.throughputMbps()), m.tq() == null ? "-" : m.tq());
                }
                table.print(System.out);
            }
        }
        return null;
    }

    private static String dash(Double v) {
        return v == null ? "-" : Format.decimal(v);
    }
}
