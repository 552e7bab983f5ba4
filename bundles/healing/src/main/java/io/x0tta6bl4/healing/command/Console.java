package io.x0tta6bl4.healing.command;

import java.time.Duration;
import java.time.Instant;

/** How heal: commands show durations and times. */
final class Console {

    private Console() {
    }

    static String duration(Duration d) {
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

    static String time(Instant i) {
        return i == null ? "-" : i.toString();
    }
}
