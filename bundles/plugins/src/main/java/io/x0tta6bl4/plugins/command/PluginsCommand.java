package io.x0tta6bl4.plugins.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.x0tta6bl4.plugins.internal.PluginInfo;
import io.x0tta6bl4.plugins.internal.PluginInventory;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "x0", name = "plugins",
        description = "Lists installed plugins, the x0tta6bl4 extension points each provides, and why one does not run")
@Service
public class PluginsCommand implements Action {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Reference
    PluginInventory inventory;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<PluginInfo> plugins = inventory.plugins();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (PluginInfo p : plugins) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.bundleId());
                m.put("bundle", p.symbolicName());
                m.put("version", p.version());
                m.put("state", p.state());
                m.put("provides", p.provides());
                m.put("problem", p.problem());
                out.add(m);
            }
            System.out.println(MAPPER.writeValueAsString(out));
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No plugins installed (feature:repo-add, then feature:install)");
        table.column("ID").alignRight();
        table.column("BUNDLE");
        table.column("VERSION");
        table.column("STATE");
        table.column("PROVIDES");
        table.column("PROBLEM");
        for (PluginInfo p : plugins) {
            table.addRow().addContent(p.bundleId(), p.symbolicName(), p.version(), p.state(),
                    String.join(", ", p.provides()), p.problem());
        }
        table.print(System.out);
        return null;
    }
}
