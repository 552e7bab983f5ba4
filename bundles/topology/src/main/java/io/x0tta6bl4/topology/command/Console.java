package io.x0tta6bl4.topology.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.x0tta6bl4.api.topology.LinkPenalty;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.support.CommandException;

/** What mesh: commands need beyond {@link Commands}: node ids from arguments, and formatting. */
final class Console {

    private Console() {
    }

    /** Parses an id; a malformed one (as JSON when the command was asked for JSON) is the command's failure. */
    static NodeId parse(String text, boolean json) throws CommandException {
        try {
            return NodeId.of(text);
        } catch (IllegalArgumentException e) {
            throw Commands.fail(json, e.getMessage());
        }
    }

    /** The node with that id in the current snapshot; an unknown one is the command's failure. */
    static Node known(TopologyService topology, String text, boolean json) throws CommandException {
        NodeId id = parse(text, json);
        return topology.node(id).orElseThrow(() -> unknown(id, json));
    }

    /** The node with that id in this snapshot; an unknown one is the command's failure. */
    static Node known(TopologySnapshot snapshot, String text, boolean json) throws CommandException {
        NodeId id = parse(text, json);
        return snapshot.node(id).orElseThrow(() -> unknown(id, json));
    }

    private static CommandException unknown(NodeId id, boolean json) {
        return Commands.fail(json, "unknown node '" + id + "' (mesh:nodes lists the known nodes)");
    }

    /** {@code x3.00 for 42s (reason)}, or {@code excluded for ...} for an infinite factor. */
    static String penalty(LinkPenalty p, Instant now) {
        long s = Math.max(0, Duration.between(now, p.until()).getSeconds());
        String what = p.excludes() ? "excluded" : "x" + Format.decimal(p.factor());
        return what + " for " + s + "s" + (p.reason().isEmpty() ? "" : " (" + p.reason() + ")");
    }
}
