package io.x0tta6bl4.support.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How every command shows numbers, durations and times: locale-free, so output is the same everywhere. */
public final class Format {

    private Format() {
    }

    /** Two decimals; an infinite value (an excluded link's cost) is {@code inf}. */
    public static String decimal(double v) {
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A whole number without decimals, anything else with two. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : decimal(v);
    }

    /** {@code 850 ms} under ten seconds, then {@code 4m5s}, then {@code 2h7m}; {@code -} for none. */
    public static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 10_000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }

    /** {@code 42s ago}, {@code 3m12s ago}, {@code 5h2m ago}, {@code 2d3h ago}. */
    public static String age(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s ago";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m ago";
        }
        return s / 86_400 + "d" + s % 86_400 / 3600 + "h ago";
    }

    /** ISO-8601, or {@code -} for none. */
    public static String time(Instant i) {
        return i == null ? "-" : i.toString();
    }
}
