package io.x0tta6bl4.healing.command;

import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "heal", name = "approve", description = "Lets the action an incident waits for run")
@Service
public class ApproveCommand implements Action {

    @Reference
    HealingService healing;

    @Argument(index = 0, name = "id", description = "Incident id awaiting approval", required = true)
    @Completion(IncidentIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        try {
            healing.approve(id);
            System.out.println(id + " approved; its next action runs now");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Commands.fail("" + e.getMessage());
        }
        return null;
    }
}
