package io.x0tta6bl4.scanner.command;

import java.util.Map;

import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.ScannerService;
import io.x0tta6bl4.scanner.internal.ReportFiles;
import io.x0tta6bl4.scanner.internal.report.Sarif;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;

@Command(scope = "scan", name = "run", description = "Runs every scanner (or one) now and prints what they found")
@Service
public class RunCommand implements Action {

    @Reference
    ScannerService scanner;

    @Reference
    BundleContext context;

    @Option(name = "--scanner", description = "Run only this scanner (scan:run --scanner <Tab> lists them)")
    @Completion(ScannerNameCompleter.class)
    String only;

    @Option(name = "--format", description = "table, json or sarif (SARIF 2.1.0)")
    String format = "table";

    @Reference
    ReportFiles files;

    @Option(name = "--output", description = "Write the report to this file instead of the console")
    String output;

    @Override
    public Object execute() throws Exception {
        if (!format.equals("table") && !format.equals("json") && !format.equals("sarif")) {
            throw Commands.fail("--format '" + format + "' is not one of table, json, sarif");
        }
        if (output != null) {
            files.check(output);
        }
        ScanReport report;
        try {
            report = scanner.scan(only);
        } catch (IllegalArgumentException e) {
            throw Commands.fail(e);
        }
        switch (format) {
            case "json" -> Console.emit(Commands.toJson(report), output, files);
            case "sarif" -> Console.emit(Sarif.write(report, context.getBundle().getVersion().toString()), output, files);
            default -> {
                String table = FindingsCommand.table(report.findings());
                StringBuilder sb = new StringBuilder(table);
                sb.append(report.findings().size()).append(" findings from ").append(String.join(", ", report.scanners()))
                        .append(" in ").append(report.durationMs()).append(" ms");
                for (Map.Entry<String, String> e : report.errors().entrySet()) {
                    sb.append(System.lineSeparator()).append("scanner ").append(e.getKey()).append(" failed: ")
                            .append(e.getValue());
                }
                Console.emit(sb.toString(), output, files);
            }
        }
        return null;
    }
}
