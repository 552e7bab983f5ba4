package io.x0tta6bl4.scanner.command;

import java.util.List;
import java.util.stream.Collectors;

import io.x0tta6bl4.scanner.internal.ReportFiles;
import io.x0tta6bl4.scanner.internal.SbomService;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "scan", name = "sbom", description = "The bill of materials of the running container: the Karaf release, the Java runtime, bundles, Maven coordinates, hashes")
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

    /** The coordinates, a derived one marked {@code ~} (medium) or {@code ?} (low confidence). */
    static String maven(Component c) {
        if (c.coordinates().isEmpty() && c.properties().containsKey("osv")) {
            return "(none: not in OSV's Maven data)";
        }
        return c.coordinates().stream().map(k -> k.gav() + switch (k.confidence()) {
            case HIGH -> "";
            case MEDIUM -> "~";
            case LOW -> "?";
        }).distinct().collect(Collectors.joining(" "));
    }

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
                    table.addRow().addContent(c.bundleId() < 0 ? "" : c.bundleId(), c.symbolicName(), c.version(),
                            c.bundleId() < 0 ? c.kind() : c.state(), maven(c), c.sha256() == null ? "" : c.sha256());
                }
                table.print(System.out);
                long bundles = components.stream().filter(c -> c.bundleId() >= 0).count();
                System.out.println(bundles + " bundles, " + (components.size() - bundles) + " platform parts, "
                        + components.stream().mapToInt(c -> c.coordinates().size()).sum() + " Maven coordinates"
                        + " (~ medium, ? low confidence: derived from a manifest; --json says how)");
            }
            default -> {
                throw Commands.fail(json, "--format '" + format + "' is not one of table, json, cyclonedx-json");
            }
        }
        return null;
    }
}
