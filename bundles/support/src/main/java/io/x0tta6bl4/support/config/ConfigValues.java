package io.x0tta6bl4.support.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Consumer;

/**
 * One Config Admin update, read key by key under the refusal rule every bundle follows: a key
 * that is absent (or blank, for a value that is not text) takes its default; a value that
 * breaks its rule is refused with one line naming the key, the value and the rule, and that
 * key keeps its last good value while the valid keys of the same update apply.
 *
 * <p>Bundles read the raw properties through this class rather than letting DS coerce them
 * into their metatype interface, so that {@code poll.interval.ms = soon} is one clear line
 * instead of a failed activation. The refusal line reads
 * {@code Refused <key>=<value>: <rule>; keeping <key>=<last good>}.
 */
public final class ConfigValues {

    private final Map<String, ?> raw;
    private final Consumer<String> warn;

    /**
     * @param raw  the properties of the update (null: none)
     * @param warn receives one line per refused value
     */
    public ConfigValues(Map<String, ?> raw, Consumer<String> warn) {
        this.raw = raw == null ? Map.of() : raw;
        this.warn = warn;
    }

    /** The raw value, or null when the key is absent. */
    public Object raw(String key) {
        return raw.get(key);
    }

    /** Every key of the update, for families of keys such as {@code policy.<kind>}. */
    public Map<String, ?> all() {
        return raw;
    }

    /** A whole number within {@code min..max}. */
    public long whole(String key, long fallback, long min, long max, long kept) {
        String rule = max == Long.MAX_VALUE ? "must be a whole number >= " + min
                : "must be a whole number within " + min + ".." + max;
        return whole(key, fallback, kept, n -> n >= min && n <= max, rule);
    }

    /** A whole number that satisfies {@code rule}, described by {@code text} ("must be ..."). */
    public long whole(String key, long fallback, long kept, LongPredicate rule, String text) {
        return parsed(key, fallback, kept, text, v -> integer(v).filter(rule::test));
    }

    /** A finite number that satisfies {@code rule}, described by {@code text}. */
    public double number(String key, double fallback, double kept, DoublePredicate rule, String text) {
        return parsed(key, fallback, kept, text, v -> decimal(v).filter(rule::test));
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean bool(String key, boolean fallback, boolean kept) {
        return parsed(key, fallback, kept, "must be true or false", ConfigValues::bool);
    }

    /** Text, trimmed; blank is a value of its own. Text has no rule here: the caller checks it. */
    public String string(String key, String fallback) {
        Object v = raw.get(key);
        return v == null ? fallback : (v instanceof String[] a ? String.join(",", a) : v.toString()).trim();
    }

    /**
     * A value that {@code parser} accepts (empty: refused).
     *
     * @param rule what the value must be, as in {@code must be netlink or batctl}
     */
    public <T> T parsed(String key, T fallback, T kept, String rule, Function<Object, Optional<T>> parser) {
        Object v = raw.get(key);
        if (v == null || (v instanceof String s && s.isBlank() && !(fallback instanceof String)
                && !(fallback instanceof Collection))) {
            return fallback;
        }
        Optional<T> parsed;
        try {
            parsed = parser.apply(v);
        } catch (RuntimeException e) {
            parsed = Optional.empty();
        }
        if (parsed.isPresent()) {
            return parsed.get();
        }
        refuse(key, v, rule, kept);
        return kept;
    }

    /** Logs the refusal line for a value a caller refused by a rule of its own. */
    public void refuse(String key, Object value, String rule, Object kept) {
        warn.accept("Refused " + key + "=" + shown(value) + ": " + rule + "; keeping " + key + "=" + shown(kept));
    }

    /**
     * The entries of a list value: a comma-separated string, a string array (each element may
     * itself be comma-separated) or a collection; trimmed, blanks left out.
     */
    public static List<String> items(Object v) {
        List<String> parts = new ArrayList<>();
        if (v instanceof String[] a) {
            for (String s : a) {
                parts.addAll(List.of(s.split(",")));
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                parts.addAll(List.of(String.valueOf(o).split(",")));
            }
        } else if (v != null) {
            parts.addAll(List.of(v.toString().split(",")));
        }
        return parts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Integral numbers and strings; refuses 2.5, "2.5", "abc" and booleans. */
    public static Optional<Long> integer(Object v) {
        try {
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return Optional.of(((Number) v).longValue());
            }
            if (v instanceof Number n) {
                return Optional.of(new BigDecimal(n.toString()).longValueExact());
            }
            if (v instanceof String s) {
                return Optional.of(new BigDecimal(s.trim()).longValueExact());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // not an integer
        }
        return Optional.empty();
    }

    /** Finite numbers and strings that hold one. */
    public static Optional<Double> decimal(Object v) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    private static Optional<Boolean> bool(Object v) {
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("false") ? Optional.of(Boolean.parseBoolean(s)) : Optional.empty();
    }

    private static String shown(Object value) {
        if (value instanceof String[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof Collection<?> c) {
            return String.join(",", c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
