package io.x0tta6bl4.sim.command;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.sim.internal.SimAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sim", name = "fail-node",
        description = "Fails a simulated node: it and its links are no longer reported, and the topology is told it"
                + " is lost (with --silent it is not: the topology's node timeout has to find it).")
@Service
public class FailNodeCommand implements Action {

    @Reference
    SimAdmin control;

    @Option(name = "--silent", description = "Do not report the loss: the node just falls silent")
    boolean silent;

    @Argument(index = 0, name = "node", description = "Id of the node to fail, e.g. sim-07", required = true)
    @Completion(SimNodeCompleter.class)
    String node;

    @Override
    public Object execute() throws Exception {
        try {
            String id = NodeId.of(node).value();
            if (control.failNode(id, silent)) {
                System.out.println(id + (silent
                        ? " failed silently: no longer reported; the topology marks it DOWN after its node timeout"
                        : " failed: reported lost to the topology, which marks it DOWN now"));
            } else {
                System.out.println(id + " has already failed; sim:recover " + id + " brings it back");
            }
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        return null;
    }
}
