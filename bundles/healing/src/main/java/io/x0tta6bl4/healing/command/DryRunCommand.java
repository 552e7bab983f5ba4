package io.x0tta6bl4.healing.command;

import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Completion;

@Command(scope = "heal", name = "dry-run", description = "Shows or sets dry-run: plan and record, run no action")
@Service
public class DryRunCommand implements Action {

    @Reference
    HealingService healing;

    @Argument(index = 0, name = "mode", description = "on or off; without it, shows the mode")
    @Completion(values = {"on", "off"}, value = StringsCompleter.class)
    String mode;

    @Override
    public Object execute() throws Exception {
        if (mode == null) {
            System.out.println("dry-run " + (healing.dryRun() ? "on" : "off"));
            return null;
        }
        if (!mode.equals("on") && !mode.equals("off")) {
            throw Commands.fail("expected on or off, got '" + mode + "'");
        }
        try {
            healing.setDryRun(mode.equals("on"));
        } catch (IllegalStateException e) {
            throw Commands.fail("" + e.getMessage());
        }
        System.out.println("dry-run " + mode);
        return null;
    }
}
