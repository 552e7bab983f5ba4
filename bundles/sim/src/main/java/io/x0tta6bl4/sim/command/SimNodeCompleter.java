package io.x0tta6bl4.sim.command;

import java.util.List;

import io.x0tta6bl4.sim.internal.SimAdmin;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes simulated node ids, failed ones included since they can be recovered. */
@Service
public class SimNodeCompleter implements Completer {

    @Reference
    SimAdmin control;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(control.nodeIds()).complete(session, commandLine, candidates);
    }
}
