package io.x0tta6bl4.scanner.command;

import java.util.List;

import io.x0tta6bl4.api.scanner.ScannerService;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the registered scanners. */
@Service
public class ScannerNameCompleter implements Completer {

    @Reference
    ScannerService scanner;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(scanner.scanners()).complete(session, commandLine, candidates);
    }
}
