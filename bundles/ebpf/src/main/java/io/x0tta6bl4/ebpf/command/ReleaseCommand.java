package io.x0tta6bl4.ebpf.command;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "ebpf", name = "release", description = "Lifts the quarantine of a peer MAC")
@Service
public class ReleaseCommand implements Action {

    @Reference
    MeshGuard guard;

    @Reference
    EbpfAdmin admin;

    @Argument(index = 0, name = "mac", required = true, description = "Peer MAC aa:bb:cc:dd:ee:ff")
    @Completion(MacCompleter.class)
    String mac;

    @Override
    public Object execute() throws Exception {
        try {
            if (!guard.release(mac)) {
                throw Commands.fail(mac + " is not quarantined");
            }
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        admin.flush();
        System.out.println("Released " + mac.trim().toLowerCase());
        return null;
    }
}
