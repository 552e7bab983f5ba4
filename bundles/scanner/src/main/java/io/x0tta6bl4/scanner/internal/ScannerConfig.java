package io.x0tta6bl4.scanner.internal;

import java.util.Map;
import java.util.function.Consumer;

import io.x0tta6bl4.support.config.ConfigValues;

/** The scanner's configuration, read from raw Config Admin properties under {@link ConfigValues}' refusal rule. */
record ScannerConfig(int scanIntervalMinutes, int scanInitialDelayS, String dbDir, int dbMaxAgeDays, String reportDir) {

    static final String SCAN_INTERVAL = "scan.interval.minutes";
    static final String SCAN_INITIAL_DELAY = "scan.initial.delay.s";
    static final String DB_DIR = "db.dir";
    static final String DB_MAX_AGE = "db.max.age.days";
    static final String REPORT_DIR = "report.dir";

    static final ScannerConfig DEFAULTS = new ScannerConfig(360, 60, "", 7, "");

    static ScannerConfig read(ScannerConfig last, Map<String, ?> raw, Consumer<String> warn) {
        ConfigValues c = new ConfigValues(raw, warn);
        return new ScannerConfig(
                (int) c.whole(SCAN_INTERVAL, DEFAULTS.scanIntervalMinutes, 0, 10080, last.scanIntervalMinutes),
                (int) c.whole(SCAN_INITIAL_DELAY, DEFAULTS.scanInitialDelayS, 0, 86400, last.scanInitialDelayS),
                folder(c, DB_DIR, DEFAULTS.dbDir, last.dbDir, false),
                (int) c.whole(DB_MAX_AGE, DEFAULTS.dbMaxAgeDays, 1, 3650, last.dbMaxAgeDays),
                folder(c, REPORT_DIR, DEFAULTS.reportDir, last.reportDir, true));
    }

    /** A folder path, empty for the default place; an absolute one where a relative one would depend on where Karaf started. */
    private static String folder(ConfigValues c, String key, String dflt, String last, boolean absolute) {
        String s = c.string(key, dflt);
        if (s.indexOf('\0') >= 0) {
            c.refuse(key, c.raw(key), "must be a folder path", last);
            return last;
        }
        if (absolute && !s.isEmpty() && !s.startsWith("/")) {
            c.refuse(key, s, "must be an absolute folder path or empty", last);
            return last;
        }
        return s;
    }
}
