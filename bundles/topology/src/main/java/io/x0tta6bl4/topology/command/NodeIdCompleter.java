package io.x0tta6bl4.topology.command;

import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologyService;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the nodes in the current snapshot. */
@Service
public class NodeIdCompleter implements Completer {

    @Reference
    TopologyService topology;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        topology.snapshot().nodes().keySet().stream().map(NodeId::value).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
