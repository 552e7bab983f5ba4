package io.x0tta6bl4.topology.command;

import java.util.List;

import io.x0tta6bl4.api.topology.TopologyService;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the weighers mesh:path can use, plugins' included. */
@Service
public class WeigherCompleter implements Completer {

    @Reference
    TopologyService topology;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(topology.weighers()).complete(session, commandLine, candidates);
    }
}
