package io.x0tta6bl4.scanner.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of the PID {@code io.x0tta6bl4.scanner}. The components read the raw properties
 * through {@link ScannerConfig}, which enforces the rules stated here.
 */
@ObjectClassDefinition(id = "io.x0tta6bl4.scanner", name = "x0tta6bl4 scanner",
        description = "Security scanning: installed bundles against OSV advisories, configuration and eBPF audits")
@interface ScannerConfiguration {

    @AttributeDefinition(name = "Scan interval (minutes)", min = "0", max = "10080",
            description = "How often every scanner runs; 0 turns scheduled scans off.")
    int scan_interval_minutes() default 360;

    @AttributeDefinition(name = "First scan delay (s)", min = "0", max = "86400",
            description = "Seconds after start before the first scheduled scan.")
    int scan_initial_delay_s() default 60;

    @AttributeDefinition(name = "OSV database folder", required = false,
            description = "Where scan:db-import keeps the OSV advisories; empty: ${karaf.data}/scanner/osv.")
    String db_dir() default "";

    @AttributeDefinition(name = "Database age warning (days)", min = "1", max = "3650",
            description = "An OSV database imported longer ago than this is reported as stale.")
    int db_max_age_days() default 7;

    @AttributeDefinition(name = "Report folder", required = false,
            description = "An absolute folder where scan:run and scan:sbom --output may write besides ${karaf.data}; "
                    + "empty: only ${karaf.data}.")
    String report_dir() default "";
}
