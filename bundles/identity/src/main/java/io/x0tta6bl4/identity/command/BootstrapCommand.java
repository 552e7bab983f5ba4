package io.x0tta6bl4.identity.command;

import java.io.IOException;
import java.util.Locale;

import io.x0tta6bl4.identity.internal.IdentityAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "identity", name = "bootstrap",
        description = "Creates a development trust-domain CA and this node's SVID files, and uses them (not for production)")
@Service
public class BootstrapCommand implements Action {

    @Reference
    IdentityAdmin admin;

    @Option(name = "--force", description = "Replace an existing development CA")
    boolean force;

    @Argument(index = 0, name = "trust-domain", required = true, description = "e.g. mesh.example.org")
    String trustDomain;

    @Override
    public Object execute() throws Exception {
        try {
            String dir = admin.bootstrap(trustDomain.trim().toLowerCase(Locale.ROOT), force);
            System.out.println("Development identity for node " + admin.nodeId() + " in trust domain " + trustDomain
                    + " written to " + dir + "; the identity source now reads these files (see identity:status)");
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        } catch (IOException e) {
            throw Commands.fail("cannot write the development identity: " + e.getMessage());
        }
        return null;
    }
}
