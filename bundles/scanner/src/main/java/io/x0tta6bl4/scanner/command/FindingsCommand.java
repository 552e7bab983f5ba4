package io.x0tta6bl4.scanner.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.ScannerService;
import io.x0tta6bl4.api.scanner.Severity;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "scan", name = "findings", description = "Lists the current findings of every scanner, most severe first")
@Service
public class FindingsCommand implements Action {

    @Reference
    ScannerService scanner;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Option(name = "--scanner", description = "Only this scanner's findings")
    @Completion(ScannerNameCompleter.class)
    String only;

    @Option(name = "--min-severity", description = "Only findings at least this severe: INFO, LOW, MEDIUM, HIGH, CRITICAL")
    String minSeverity;

    @Override
    public Object execute() throws Exception {
        Severity min = Severity.INFO;
        if (minSeverity != null) {
            try {
                min = Severity.parse(minSeverity);
            } catch (IllegalArgumentException e) {
                throw Commands.fail(json, e);
            }
        }
        Severity floor = min;
        List<Finding> list = scanner.findings().stream()
                .filter(f -> only == null || f.scanner().equals(only))
                .filter(f -> f.severity().compareTo(floor) >= 0).toList();
        if (json) {
            System.out.println(Commands.toJson(list));
        } else {
            System.out.print(table(list));
            if (scanner.lastReport() == null) {
                System.out.println("no scan yet: scan:run starts one");
            }
        }
        return null;
    }

    static String table(List<Finding> findings) {
        ShellTable table = new ShellTable();
        table.column("SEVERITY");
        table.column("ID");
        table.column("SUBJECT");
        table.column("TITLE").maxSize(60);
        table.column("FIX").maxSize(60);
        for (Finding f : findings) {
            table.addRow().addContent(f.severity(), f.id(), f.subject(), f.title(), f.fix());
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        table.print(ps);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
