package io.x0tta6bl4.healing.command;

import java.util.List;

import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.Incident;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of known incidents. */
@Service
public class IncidentIdCompleter implements Completer {

    @Reference
    HealingService healing;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        healing.incidents(false).stream().map(Incident::id).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
