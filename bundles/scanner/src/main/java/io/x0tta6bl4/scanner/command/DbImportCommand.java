package io.x0tta6bl4.scanner.command;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.x0tta6bl4.scanner.internal.VulnerabilityDatabase;
import io.x0tta6bl4.scanner.internal.osv.OsvFormatException;
import io.x0tta6bl4.scanner.internal.osv.OsvStore;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "scan", name = "db-import",
        description = "Imports OSV advisories (a zip such as the OSV Maven export, a folder or one .json file); a malformed file refuses the whole import")
@Service
public class DbImportCommand implements Action {

    @Reference
    VulnerabilityDatabase database;

    @Option(name = "--replace", description = "Drop the advisories in force instead of merging by id")
    boolean replace;

    @Argument(index = 0, name = "source", required = true, description = "zip, folder or .json file")
    @Completion(FileCompleter.class)
    String source;

    @Override
    public Object execute() throws Exception {
        OsvStore.ImportResult r;
        try {
            r = database.importFrom(Path.of(source), replace);
        } catch (OsvFormatException | IOException | InvalidPathException e) {
            throw Commands.fail(e);
        }
        System.out.println("imported " + r.files() + " files: " + r.added() + " new, " + r.replaced()
                + " replaced; " + r.total() + " advisories in force");
        return null;
    }
}
