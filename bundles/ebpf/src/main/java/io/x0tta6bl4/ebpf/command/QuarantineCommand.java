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

@Command(scope = "ebpf", name = "quarantine", description = "Drops every frame from a peer MAC until it is released")
@Service
public class QuarantineCommand implements Action {

    @Reference
    MeshGuard guard;

    @Reference
    EbpfAdmin admin;

    @Option(name = "--reason", description = "Why, shown by ebpf:counters and in health events")
    String reason;

    @Argument(index = 0, name = "mac", required = true, description = "Peer MAC aa:bb:cc:dd:ee:ff")
    @Completion(MacCompleter.class)
    String mac;

    @Override
    public Object execute() throws Exception {
        try {
            guard.quarantine(mac, reason);
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        admin.flush();
        System.out.println("Quarantined " + mac.trim().toLowerCase());
        return null;
    }
}
