package io.x0tta6bl4.scanner.internal;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The scanner's configuration, read from raw Config Admin properties. An absent key takes its
 * default; a value that breaks its rule is refused with one line naming the key, the value and
 * the rule, and the last good value stays in force.
 */
record Settings(int scanIntervalMinutes, int scanInitialDelayS, String dbDir, int dbMaxAgeDays, String reportDir) {

    static final String SCAN_INTERVAL = "scan.interval.minutes";
    static final String SCAN_INITIAL_DELAY = "scan.initial.delay.s";
    static final String DB_DIR = "db.dir";
    static final String DB_MAX_AGE = "db.max.age.days";
    static final String REPORT_DIR = "report.dir";

    static final Settings DEFAULTS = new Settings(360, 60, "", 7, "");

    static Settings read(Settings last, Map<String, ?> raw, Consumer<String> warn) {
        return new Settings(
                whole(raw, SCAN_INTERVAL, DEFAULTS.scanIntervalMinutes, 0, 10080, last.scanIntervalMinutes, warn),
                whole(raw, SCAN_INITIAL_DELAY, DEFAULTS.scanInitialDelayS, 0, 86400, last.scanInitialDelayS, warn),
                text(raw, DB_DIR, DEFAULTS.dbDir, last.dbDir, warn),
                whole(raw, DB_MAX_AGE, DEFAULTS.dbMaxAgeDays, 1, 3650, last.dbMaxAgeDays, warn),
                folder(raw, REPORT_DIR, DEFAULTS.reportDir, last.reportDir, warn));
    }

    private static int whole(Map<String, ?> raw, String key, int dflt, int min, int max, int last,
                             Consumer<String> warn) {
        Object v = raw.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        warn.accept("refused " + key + " = '" + v + "': must be a whole number from " + min + " to " + max
                + "; keeping " + last);
        return last;
    }

    /** Like {@link #text}, and the folder must be absolute: a relative one would depend on where Karaf started. */
    private static String folder(Map<String, ?> raw, String key, String dflt, String last, Consumer<String> warn) {
        String s = text(raw, key, dflt, last, warn);
        if (s.isEmpty() || s.startsWith("/")) {
            return s;
        }
        warn.accept("refused " + key + " = '" + s + "': must be an absolute folder path or empty; keeping '" + last + "'");
        return last;
    }

    private static String text(Map<String, ?> raw, String key, String dflt, String last, Consumer<String> warn) {
        Object v = raw.get(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toString().trim();
        if (s.indexOf('\0') >= 0) {
            warn.accept("refused " + key + " = '" + v + "': must be a folder path; keeping '" + last + "'");
            return last;
        }
        return s;
    }
}
