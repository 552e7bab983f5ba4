package io.x0tta6bl4.api.scanner;

import java.util.Locale;

/** How bad a finding is, in the words advisories use (GitHub's MODERATE is {@link #MEDIUM}). */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The severity of the health event that reports a finding of this severity. */
    public io.x0tta6bl4.api.event.Severity health() {
        return switch (this) {
            case INFO, LOW -> io.x0tta6bl4.api.event.Severity.INFO;
            case MEDIUM, HIGH -> io.x0tta6bl4.api.event.Severity.WARNING;
            case CRITICAL -> io.x0tta6bl4.api.event.Severity.CRITICAL;
        };
    }

    /**
     * Reads a severity name in any case; {@code MODERATE} is {@link #MEDIUM}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Severity parse(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("MODERATE")) {
            return MEDIUM;
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity '" + name
                    + "' is not one of INFO, LOW, MEDIUM (MODERATE), HIGH, CRITICAL");
        }
    }
}
