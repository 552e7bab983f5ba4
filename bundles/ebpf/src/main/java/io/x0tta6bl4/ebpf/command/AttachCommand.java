package io.x0tta6bl4.ebpf.command;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "ebpf", name = "attach", description = "Attaches mesh_guard to an interface (XDP, native mode with generic fallback)")
@Service
public class AttachCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Argument(index = 0, name = "interface", required = true, description = "ifname, or netns/ifname for a named network namespace")
    String iface;

    @Override
    public Object execute() throws Exception {
        try {
            String mode = admin.attach(iface);
            System.out.println("Attached mesh_guard to " + iface + " (" + mode + " mode)");
            return null;
        } catch (Exception e) {
            throw Commands.fail(e);
        }
    }
}
