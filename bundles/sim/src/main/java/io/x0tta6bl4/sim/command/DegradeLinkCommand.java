package io.x0tta6bl4.sim.command;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.sim.internal.Degradation;
import io.x0tta6bl4.sim.internal.SimAdmin;
import io.x0tta6bl4.support.shell.Commands;
import io.x0tta6bl4.support.shell.Format;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sim", name = "degrade-link",
        description = "Degrades the link between two simulated nodes, in both directions, until recovered.")
@Service
public class DegradeLinkCommand implements Action {

    @Reference
    SimAdmin control;

    @Argument(index = 0, name = "a", description = "One end of the link", required = true)
    @Completion(SimNodeCompleter.class)
    String a;

    @Argument(index = 1, name = "b", description = "The other end of the link", required = true)
    @Completion(SimNodeCompleter.class)
    String b;

    @Option(name = "--loss", description = "Packet loss ratio added, 0..1 (default 0.3)")
    double loss = Degradation.DEFAULT_LOSS;

    @Option(name = "--latency", description = "Latency added in ms, 0..60000 (default 100)")
    double latency = Degradation.DEFAULT_LATENCY_MS;

    @Option(name = "--tq", description = "Cap on batman-adv TQ, 0..255 (default: none)")
    Integer tq;

    @Override
    public Object execute() throws Exception {
        try {
            Degradation fault = new Degradation(loss, latency, tq);
            control.degradeLink(a, b, fault);
            System.out.println("Link " + NodeId.of(a) + " <-> " + NodeId.of(b) + " degraded: +" + Format.decimal(loss) + " loss, +"
                    + Format.number(latency) + " ms latency" + (tq == null ? "" : ", TQ at most " + tq));
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        return null;
    }
}
