package io.x0tta6bl4.api.scanner;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one scan.
 *
 * @param startedAt  epoch milliseconds
 * @param durationMs how long it took
 * @param scanners   the scanners that ran
 * @param findings   everything they found (all findings, not only new ones)
 * @param errors     scanner name to error line, for scanners that failed
 */
public record ScanReport(long startedAt, long durationMs, List<String> scanners, List<Finding> findings,
                         Map<String, String> errors) {

    public ScanReport {
        scanners = List.copyOf(scanners);
        findings = List.copyOf(findings);
        errors = Map.copyOf(errors);
    }
}
