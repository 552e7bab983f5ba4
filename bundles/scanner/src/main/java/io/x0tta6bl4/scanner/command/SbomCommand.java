package io.x0tta6bl4.scanner.command;

import java.util.List;
import java.util.stream.Collectors;

import io.x0tta6bl4.scanner.internal.ReportFiles;
import io.x0tta6bl4.scanner.internal.SbomService;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Coordinates;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "scan", name = "sbom", description = "The bill of materials of the running container: bundles, Maven coordinates, hashes")
@Service
public class SbomCommand implements Action {

    @Reference
    SbomService sbom;

    @Option(name = "--format", description = "table, json or cyclonedx-json (CycloneDX 1.6)")
    String format = "table";

    @Option(name = "--json", description = "Same as --format json")
    boolean json;

    @Reference
    ReportFiles files;

    @Option(name = "--output", description = "Write to this file instead of the console")
    String output;

    @Override
    public Object execute() throws Exception {
        String f = json ? "json" : format;
        List<Component> components = sbom.components();
        switch (f) {
            case "json" -> Console.emit(Commands.toJson(components), output, files);
            case "cyclonedx-json" -> Console.emit(sbom.cycloneDx(components), output, files);
            case "table" -> {
                ShellTable table = new ShellTable();
                table.column("ID").alignRight();
                table.column("BUNDLE");
                table.column("VERSION");
                table.column("STATE");
                table.column("MAVEN").maxSize(70);
                table.column("SHA-256").maxSize(16);
                for (Component c : components) {
                    table.addRow().addContent(c.bundleId(), c.symbolicName(), c.version(), c.state(),
                            c.coordinates().stream().map(Coordinates::gav).distinct().collect(Collectors.joining(" ")),
                            c.sha256() == null ? "" : c.sha256());
                }
                table.print(System.out);
                System.out.println(components.size() + " bundles, "
                        + components.stream().mapToInt(c -> c.coordinates().size()).sum() + " Maven coordinates");
            }
            default -> {
                throw Commands.fail(json, "--format '" + format + "' is not one of table, json, cyclonedx-json");
            }
        }
        return null;
    }
}
