package io.x0tta6bl4.scanner.command;

import java.util.LinkedHashMap;
import java.util.Map;

import io.x0tta6bl4.scanner.internal.VulnerabilityDatabase;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "scan", name = "db-status", description = "Shows the offline OSV database: size, age, staleness")
@Service
public class DbStatusCommand implements Action {

    @Reference
    VulnerabilityDatabase database;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        VulnerabilityDatabase.Status s = database.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state());
        m.put("folder", s.dir());
        m.put("advisories", s.advisories());
        m.put("withdrawn", s.withdrawn());
        m.put("packages", s.packages());
        m.put("imported", s.importedAt() == null ? null : s.importedAt().toString());
        m.put("ageHours", s.age() == null ? null : s.age().toHours());
        m.put("stale", s.stale());
        m.put("maxAgeDays", s.maxAgeDays());
        m.put("newestModified", s.newestModified());
        m.put("source", s.source());
        if (json) {
            System.out.println(Commands.toJson(m));
            return null;
        }
        ShellTable table = new ShellTable();
        table.noHeaders();
        table.column("KEY");
        table.column("VALUE");
        m.forEach((k, v) -> table.addRow().addContent(k, v == null ? "" : v));
        table.print(System.out);
        if (s.stale()) {
            System.out.println("WARNING: the database is older than " + s.maxAgeDays()
                    + " days; import a current OSV Maven export with scan:db-import");
        }
        return null;
    }
}
