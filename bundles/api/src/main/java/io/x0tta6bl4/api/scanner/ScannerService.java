package io.x0tta6bl4.api.scanner;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs the registered {@link Scanner}s and keeps their current findings. Each finding that
 * was not present in the previous scan is posted as a health event on
 * {@code x0tta6bl4/health/scanner/<VULNERABILITY|MISCONFIGURATION>} with the finding's
 * subject, severity ({@link Severity#health()}), source = the scanner name and details =
 * {@code <id>: <title>}.
 */
@ProviderType
public interface ScannerService {

    /** Health event area of scan findings. */
    String HEALTH_AREA = "scanner";

    /**
     * Runs one scanner, or all when {@code scanner} is null, and waits for the result.
     * Scans are serialized: a scan asked for while another runs waits for it.
     *
     * @throws IllegalArgumentException naming an unknown scanner and the known ones
     */
    ScanReport scan(String scanner) throws InterruptedException;

    /** The current findings of every scanner, most severe first. */
    List<Finding> findings();

    /** The names of the registered scanners. */
    Set<String> scanners();

    /** The last completed scan, or null before the first. */
    ScanReport lastReport();
}
