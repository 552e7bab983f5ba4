package io.x0tta6bl4.ebpf.command;

import java.util.List;

import io.x0tta6bl4.api.ebpf.MeshGuard;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the interfaces mesh_guard is attached to. */
@Service
public class AttachedCompleter implements Completer {

    @Reference
    MeshGuard guard;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(guard.interfaces()).complete(session, commandLine, candidates);
    }
}
