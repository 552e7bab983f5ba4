package io.x0tta6bl4.ebpf.command;

import java.util.TreeSet;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "ebpf", name = "enforce", description = "Turns enforcement on (only allowed peers and attestation traffic pass) or off; without an argument shows it")
@Service
public class EnforceCommand implements Action {

    @Reference
    MeshGuard guard;

    @Reference
    EbpfAdmin admin;

    @Argument(index = 0, name = "on|off", required = false, description = "on or off")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String value;

    @Override
    public Object execute() throws Exception {
        if (value != null) {
            switch (value.trim().toLowerCase()) {
                case "on", "true" -> guard.setEnforcing(true);
                case "off", "false" -> guard.setEnforcing(false);
                default -> {
                    throw Commands.fail("'" + value + "' is neither on nor off");
                }
            }
        }
        admin.flush();
        System.out.println("Enforcement " + (guard.enforcing() ? "on" : "off") + "; allowed: "
                + (guard.allowed().isEmpty() ? "none" : String.join(", ", new TreeSet<>(guard.allowed()))));
        return null;
    }
}
