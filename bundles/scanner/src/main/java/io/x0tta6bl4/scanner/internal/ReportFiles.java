package io.x0tta6bl4.scanner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reports of {@code scan:sbom --output} and {@code scan:run --output}, only under the
 * data folder or the folder the operator names in {@code report.dir} (see {@link ReportFolders}).
 */
@Component(service = ReportFiles.class, configurationPid = "io.x0tta6bl4.scanner")
public class ReportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);

    private volatile ScannerConfig settings = ScannerConfig.DEFAULTS;

    @Activate
    void activate(Map<String, Object> properties) {
        settings = ScannerConfig.read(settings, properties, LOG::warn);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        settings = ScannerConfig.read(settings, properties, LOG::warn);
    }

    /** Refuses, before a slow scan, a path {@link #write} would refuse; returns the file it names. */
    public Path check(String output) {
        return folders(settings).resolve(output);
    }

    /**
     * Writes {@code text} to the file {@code output} names and returns it; a path outside the
     * allowed folders is an {@link IllegalArgumentException} with one line saying why.
     */
    public Path write(String output, String text) throws IOException {
        ReportFolders folders = folders(settings);
        Path file = folders.resolve(output);
        Files.createDirectories(file.getParent());
        folders.recheck(output, file);
        // NOFOLLOW_LINKS: a link put in place of the file since the check is not followed.
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        return file;
    }

    static ReportFolders folders(ScannerConfig settings) {
        List<Path> allowed = new ArrayList<>();
        allowed.add(Path.of(System.getProperty("karaf.data", "data")));
        if (!settings.reportDir().isEmpty()) {
            allowed.add(Path.of(settings.reportDir()));
        }
        return new ReportFolders(allowed);
    }
}
