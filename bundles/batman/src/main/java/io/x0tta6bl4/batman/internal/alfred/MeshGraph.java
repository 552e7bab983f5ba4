package io.x0tta6bl4.batman.internal.alfred;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole mesh from every node's batadv-vis record: links between originators (primary
 * addresses), each interface MAC mapped to the node that owns it, so a link heard on a
 * secondary interface still joins the right two nodes.
 *
 * @param nodes      primary addresses of the nodes that published a record
 * @param links      directed links between originators with the TQ the first end measured
 * @param interfaces every interface MAC of each node (its primary included), by primary address
 */
public record MeshGraph(List<String> nodes, List<Edge> links, Map<String, List<String>> interfaces) {

    /** A directed link between two originators. */
    public record Edge(String from, String to, int tq) {
    }

    public static MeshGraph of(List<VisNode> records) {
        Map<String, String> owner = new HashMap<>();
        for (VisNode n : records) {
            owner.put(n.primary(), n.primary());
            n.interfaces().forEach(i -> owner.putIfAbsent(i, n.primary()));
        }
        List<String> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, List<String>> interfaces = new HashMap<>();
        for (VisNode n : records) {
            nodes.add(n.primary());
            List<String> own = new ArrayList<>(List.of(n.primary()));
            n.interfaces().stream().filter(i -> !own.contains(i)).forEach(own::add);
            interfaces.put(n.primary(), List.copyOf(own));
            for (VisNode.Link l : n.links()) {
                String to = owner.getOrDefault(l.neighbor(), l.neighbor());
                if (!to.equals(n.primary())) {
                    edges.add(new Edge(n.primary(), to, l.tq()));
                }
            }
        }
        return new MeshGraph(List.copyOf(nodes), List.copyOf(edges), Map.copyOf(interfaces));
    }
}
