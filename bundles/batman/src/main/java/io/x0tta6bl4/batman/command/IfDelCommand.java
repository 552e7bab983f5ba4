package io.x0tta6bl4.batman.command;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "batman", name = "if-del", description = "Removes a hard interface from the mesh")
@Service
public class IfDelCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Argument(index = 0, name = "iface", description = "The hard interface to remove", required = true)
    @Completion(HardInterfaceCompleter.class)
    String iface;

    @Override
    public Object execute() throws Exception {
        try {
            admin.removeInterface(iface);
        } catch (Exception e) {
            throw Commands.fail("cannot remove " + iface + " from " + admin.config().meshInterface() + ": " + e.getMessage());
        }
        System.out.println("Removed " + iface + " from " + admin.config().meshInterface());
        return null;
    }
}
