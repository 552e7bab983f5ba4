package io.x0tta6bl4.respondd.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.respondd.RespondProvider;
import io.x0tta6bl4.respondd.internal.RespondAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "respondd", name = "show", description = "Prints, as JSON, what this node answers a respondd query "
        + "for the types given (default: nodeinfo statistics neighbours); nothing is sent")
@Service
public class ShowCommand implements Action {

    @Reference
    RespondAdmin admin;

    @Argument(name = "types", multiValued = true, description = "Reply types")
    List<String> types;

    @Override
    public Object execute() {
        List<String> asked = types == null || types.isEmpty()
                ? List.of(RespondProvider.NODEINFO, RespondProvider.STATISTICS, RespondProvider.NEIGHBOURS) : types;
        Map<String, Object> all = new LinkedHashMap<>();
        for (String t : asked) {
            Map<String, Object> part = admin.part(t);
            if (!part.isEmpty()) {
                all.put(t, part);
            }
        }
        Commands.json(all);
        return null;
    }
}
