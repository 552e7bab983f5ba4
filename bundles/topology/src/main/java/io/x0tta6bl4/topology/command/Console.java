package io.x0tta6bl4.topology.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;

/** What every mesh: command needs: reading ids, reporting bad input in one line, formatting. */
final class Console {

    private Console() {
    }

    /** Prints the one line an operator sees for bad input; commands then return null. */
    static Object fail(String message) {
        System.err.println(message);
        return null;
    }

    /** Parses an id, printing why when it is malformed. */
    static Optional<NodeId> parse(String text) {
        try {
            return Optional.of(NodeId.of(text));
        } catch (IllegalArgumentException e) {
            fail("Error: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The node with that id in the current snapshot, printing why when there is none. */
    static Optional<Node> known(TopologyService topology, String text) {
        Optional<NodeId> id = parse(text);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> node = topology.node(id.get());
        if (node.isEmpty()) {
            fail("Error: unknown node '" + id.get() + "' (mesh:nodes lists the known nodes)");
        }
        return node;
    }

    static String age(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s ago";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m ago";
        }
        return s / 86_400 + "d" + s % 86_400 / 3600 + "h ago";
    }

    /** {@code x3.00 for 42s (reason)}, or {@code excluded for ...} for an infinite factor. */
    static String penalty(io.x0tta6bl4.api.topology.LinkPenalty p, Instant now) {
        long s = Math.max(0, Duration.between(now, p.until()).getSeconds());
        String what = p.excludes() ? "excluded" : "x" + number(p.factor());
        return what + " for " + s + "s" + (p.reason().isEmpty() ? "" : " (" + p.reason() + ")");
    }

    static String number(double v) {
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
    }
}
