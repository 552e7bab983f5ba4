package io.x0tta6bl4.ebpf.command;

import java.util.List;
import java.util.TreeSet;

import io.x0tta6bl4.api.ebpf.MeshGuard;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the MACs the guard knows: counted, quarantined or allowed. */
@Service
public class MacCompleter implements Completer {

    @Reference
    MeshGuard guard;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> macs = new TreeSet<>(guard.quarantined());
        macs.addAll(guard.allowed());
        macs.addAll(guard.counters().keySet());
        return new StringsCompleter(macs).complete(session, commandLine, candidates);
    }
}
