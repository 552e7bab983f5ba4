package io.x0tta6bl4.batman.command;

import io.x0tta6bl4.batman.internal.BatmanAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "batman", name = "if-add", description = "Adds a hard interface to the mesh (creates the mesh interface if needed)")
@Service
public class IfAddCommand implements Action {

    @Reference
    BatmanAdmin admin;

    @Argument(index = 0, name = "iface", description = "The interface to add, e.g. eth1", required = true)
    String iface;

    @Override
    public Object execute() throws Exception {
        try {
            admin.addInterface(iface);
        } catch (Exception e) {
            throw Commands.fail("cannot add " + iface + " to " + admin.config().meshInterface() + ": " + e.getMessage());
        }
        System.out.println("Added " + iface + " to " + admin.config().meshInterface());
        return null;
    }
}
