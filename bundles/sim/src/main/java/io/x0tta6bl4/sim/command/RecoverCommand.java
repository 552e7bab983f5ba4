package io.x0tta6bl4.sim.command;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.sim.internal.Simulation;
import io.x0tta6bl4.sim.internal.SimAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sim", name = "recover",
        description = "Recovers a failed node (one id), a degraded link (two ids) or everything (no id or --all).")
@Service
public class RecoverCommand implements Action {

    @Reference
    SimAdmin control;

    @Argument(index = 0, name = "node", description = "A failed node, or one end of a degraded link")
    @Completion(SimNodeCompleter.class)
    String first;

    @Argument(index = 1, name = "other", description = "The other end of a degraded link")
    @Completion(SimNodeCompleter.class)
    String second;

    @Option(name = "--all", description = "Recover every failed node and degraded link")
    boolean all;

    @Override
    public Object execute() throws Exception {
        try {
            if (all && first != null) {
                throw Commands.fail("give either --all or node ids, not both");
            } else if (first == null) {
                Simulation.Recovered recovered = control.recoverAll();
                System.out.println("Recovered everything: " + recovered.nodes() + " node(s), "
                        + recovered.links() + " link(s)");
            } else if (second == null) {
                String id = NodeId.of(first).value();
                System.out.println(control.recoverNode(id)
                        ? id + " recovered: reported again from the next tick"
                        : id + " had not failed; nothing to recover");
            } else {
                String link = NodeId.of(first) + " <-> " + NodeId.of(second);
                System.out.println(control.recoverLink(first, second)
                        ? "Link " + link + " recovered"
                        : "Link " + link + " was not degraded; nothing to recover");
            }
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        return null;
    }
}
