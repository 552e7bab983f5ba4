package io.x0tta6bl4.sim.command;

import java.util.Locale;

/** Number formatting shared by the commands; locale-free so output is the same everywhere. */
final class Format {

    private Format() {
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
