package io.x0tta6bl4.batman.command;

import java.util.List;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.batman.internal.HardInterface;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the hard interfaces of the mesh interface. */
@Service
public class HardInterfaceCompleter implements Completer {

    @Reference
    BatmanAdmin admin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            for (HardInterface h : admin.interfaces()) {
                delegate.getStrings().add(h.name());
            }
        } catch (Exception e) {
            // Nothing to complete when batman-adv cannot be read.
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
