package io.x0tta6bl4.ebpf.command;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "ebpf", name = "allow", description = "Puts a peer MAC on the allow list of attested peers (or takes it off with --remove)")
@Service
public class AllowCommand implements Action {

    @Reference
    MeshGuard guard;

    @Reference
    EbpfAdmin admin;

    @Option(name = "--remove", description = "Take the MAC off the allow list")
    boolean remove;

    @Argument(index = 0, name = "mac", required = true, description = "Peer MAC aa:bb:cc:dd:ee:ff")
    @Completion(MacCompleter.class)
    String mac;

    @Override
    public Object execute() throws Exception {
        try {
            if (remove) {
                if (!guard.disallow(mac)) {
                    throw Commands.fail(mac + " is not on the allow list");
                }
                System.out.println("Removed " + mac.trim().toLowerCase() + " from the allow list");
            } else {
                guard.allow(mac);
                System.out.println("Allowed " + mac.trim().toLowerCase());
            }
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        admin.flush();
        return null;
    }
}
