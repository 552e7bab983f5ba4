package io.x0tta6bl4.ebpf.command;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "ebpf", name = "detach", description = "Detaches mesh_guard from an interface")
@Service
public class DetachCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Argument(index = 0, name = "interface", required = true, description = "ifname or netns/ifname, as attached")
    @Completion(AttachedCompleter.class)
    String iface;

    @Override
    public Object execute() throws Exception {
        try {
            if (!admin.detach(iface)) {
                throw Commands.fail("mesh_guard is not attached to " + iface);
            }
            System.out.println("Detached mesh_guard from " + iface);
            return null;
        } catch (Exception e) {
            throw Commands.fail(e);
        }
    }
}
