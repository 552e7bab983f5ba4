package io.x0tta6bl4.topology.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.TopologyAdmin;
import io.x0tta6bl4.api.topology.TopologyService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mesh", name = "penalize", description = "Multiplies the cost of a link (both directions) for a "
        + "while, so routes avoid it; 'inf' takes it out of routing; --clear lifts the penalty")
@Service
public class PenalizeCommand implements Action {

    @Reference
    TopologyService topology;

    @Reference
    TopologyAdmin admin;

    @Argument(index = 0, name = "a", description = "One end", required = true)
    @Completion(NodeIdCompleter.class)
    String a;

    @Argument(index = 1, name = "b", description = "The other end", required = true)
    @Completion(NodeIdCompleter.class)
    String b;

    @Argument(index = 2, name = "factor", description = "Cost multiplier >= 1, or inf; not with --clear")
    String factor;

    @Option(name = "--for", description = "How long: 90s, 10m, 2h; 10m by default")
    String duration = "10m";

    @Option(name = "--reason", description = "Why, shown in mesh:links")
    String reason = "operator";

    @Option(name = "--clear", description = "Lift the penalty on the link instead")
    boolean clear;

    @Override
    public Object execute() throws Exception {
        Node from = Console.known(topology, a, false);
        Node to = Console.known(topology, b, false);
        LinkId link = new LinkId(from.id(), to.id());
        if (clear) {
            System.out.println(admin.clearPenalty(link) ? "Lifted the penalty on " + link : "No penalty on " + link);
            return null;
        }
        if (factor == null) {
            throw Commands.fail("give a factor >= 1 or inf, or --clear");
        }
        double f;
        try {
            f = factor.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(factor);
        } catch (NumberFormatException e) {
            throw Commands.fail("factor '" + factor + "' is not a number >= 1 or inf");
        }
        Duration d = parse(duration);
        if (d == null) {
            throw Commands.fail("--for '" + duration + "' is not a duration such as 90s, 10m or 2h");
        }
        try {
            admin.penalize(link, f, d, reason);
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e.getMessage());
        }
        System.out.println("Penalized " + link + " and its reverse by " + (Double.isInfinite(f) ? "inf" : f)
                + " for " + duration);
        return null;
    }

    /** 90s, 10m, 2h, or an ISO-8601 duration; null when it is none of those or not positive. */
    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> null;
                };
            }
            return d == null || d.isNegative() || d.isZero() ? null : d;
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
